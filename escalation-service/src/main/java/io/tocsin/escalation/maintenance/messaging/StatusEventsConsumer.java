package io.tocsin.escalation.maintenance.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.escalation.maintenance.service.MaintenanceService;
import io.tocsin.events.EventType;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
import io.tocsin.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.status-events} in batches (commons' BatchConsumer) for maintenance windows; the other status
 * events are skipped.
 */
@ApplicationScoped
public class StatusEventsConsumer {

    static final BatchConsumer.Channel CHANNEL = new BatchConsumer.Channel("escalation-service",
            "tocsin.status-events.escalation-dlq", EnumSet.of(EventType.MAINTENANCE_STARTED, EventType.MAINTENANCE_ENDED));

    private final BatchConsumer batches;
    private final MaintenanceService maintenance;

    public StatusEventsConsumer(BatchConsumer batches, MaintenanceService maintenance) {
        this.batches = batches;
        this.maintenance = maintenance;
    }

    @Incoming(Topics.STATUS_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CHANNEL, records, event -> event.type() == EventType.MAINTENANCE_STARTED
                ? maintenance.onStarted(event.as(MaintenanceStarted.class))
                : maintenance.onEnded(event.as(MaintenanceEnded.class)));
    }
}
