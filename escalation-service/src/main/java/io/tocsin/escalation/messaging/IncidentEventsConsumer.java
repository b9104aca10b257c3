package io.tocsin.escalation.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.service.EscalationService;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.incident-events}. The message is acknowledged only when the returned Uni completes, i.e.
 * after the transaction applying it committed; a failure sends it to the dead-letter topic. Types this service
 * does not act on, and unknown ones (from a newer incident-service), are skipped.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final EscalationService escalations;

    public IncidentEventsConsumer(ObjectMapper mapper, EscalationService escalations) {
        this.mapper = mapper;
        this.escalations = escalations;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        EventType type = EventType.byName(event.type()).orElse(null);
        if (type == null) {
            Log.debugf("Skipping unknown event type %s", event.type());
            return Uni.createFrom().voidItem();
        }
        return switch (type) {
            case INCIDENT_TRIGGERED -> escalations.onTriggered(typed(event, IncidentTriggered.class));
            case INCIDENT_ACKNOWLEDGED -> escalations.onAcknowledged(typed(event, IncidentAcknowledged.class));
            case INCIDENT_RESOLVED -> escalations.onResolved(typed(event, IncidentResolved.class));
            case INCIDENT_REOPENED -> escalations.onReopened(typed(event, IncidentReopened.class));
            case INCIDENT_SNOOZED -> escalations.onSnoozed(typed(event, IncidentSnoozed.class));
            case INCIDENT_PRIORITY_CHANGED -> escalations.onPriorityChanged(typed(event, IncidentPriorityChanged.class));
            case INCIDENT_ROLE_CHANGED -> escalations.onRoleChanged(typed(event, IncidentRoleChanged.class));
            case INCIDENT_BRIDGE_CHANGED -> escalations.onBridgeChanged(typed(event, IncidentBridgeChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }

    private <T> Envelope<T> typed(Envelope<JsonNode> event, Class<T> dataClass) throws IOException {
        T data = mapper.treeToValue(event.data(), dataClass);
        return new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(), event.incidentId(), data);
    }
}
