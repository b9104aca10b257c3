package io.tocsin.status.timeline.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.events.EventType;
import io.tocsin.events.Topics;
import io.tocsin.status.timeline.service.TimelineService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads the events of the other three services into the incident timeline, one channel per topic, in batches
 * (commons' BatchConsumer: one transaction per batch, acknowledged after its commit; a record that cannot be applied
 * goes to that topic's dead-letter topic). Each channel records the event ids it applied under its own consumer
 * name in {@code processed_event}.
 */
@ApplicationScoped
public class TimelineConsumer {

    static final BatchConsumer.Channel INCIDENT_EVENTS = channel(Topics.INCIDENT_EVENTS, "incident-events");
    static final BatchConsumer.Channel ESCALATION_EVENTS = channel(Topics.ESCALATION_EVENTS, "escalation-events");
    static final BatchConsumer.Channel NOTIFICATION_EVENTS = channel(Topics.NOTIFICATION_EVENTS, "notification-events");

    private final BatchConsumer batches;
    private final TimelineService timeline;

    public TimelineConsumer(BatchConsumer batches, TimelineService timeline) {
        this.batches = batches;
        this.timeline = timeline;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvents(ConsumerRecords<String, String> records) {
        return batches.consume(INCIDENT_EVENTS, records, event -> timeline.apply(event.envelope()));
    }

    @Incoming(Topics.ESCALATION_EVENTS)
    public Uni<Void> escalationEvents(ConsumerRecords<String, String> records) {
        return batches.consume(ESCALATION_EVENTS, records, event -> timeline.apply(event.envelope()));
    }

    @Incoming(Topics.NOTIFICATION_EVENTS)
    public Uni<Void> notificationEvents(ConsumerRecords<String, String> records) {
        return batches.consume(NOTIFICATION_EVENTS, records, event -> timeline.apply(event.envelope()));
    }

    /** Every type published on {@code topic}; TimelineEntries decides which become lines. */
    private static BatchConsumer.Channel channel(String topic, String name) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic)).forEach(types::add);
        return new BatchConsumer.Channel("status-service:" + name, topic + ".status-dlq", types);
    }
}
