package io.tocsin.escalation.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.maintenance.MaintenanceService;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
import io.tocsin.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.status-events} for maintenance windows (the other status events are skipped). Acknowledged
 * after the transaction committed; failures go to the dead-letter topic.
 */
@ApplicationScoped
public class StatusEventsConsumer {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final MaintenanceService maintenance;

    public StatusEventsConsumer(ObjectMapper mapper, MaintenanceService maintenance) {
        this.mapper = mapper;
        this.maintenance = maintenance;
    }

    @Incoming(Topics.STATUS_EVENTS)
    public Uni<Void> consume(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        EventType type = EventType.byName(event.type()).orElse(null);
        if (type == EventType.MAINTENANCE_STARTED) {
            return maintenance.onStarted(typed(event, MaintenanceStarted.class));
        }
        if (type == EventType.MAINTENANCE_ENDED) {
            return maintenance.onEnded(typed(event, MaintenanceEnded.class));
        }
        return Uni.createFrom().voidItem();
    }

    private <T> Envelope<T> typed(Envelope<JsonNode> event, Class<T> dataClass) throws IOException {
        T data = mapper.treeToValue(event.data(), dataClass);
        return new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(), event.incidentId(), data);
    }
}
