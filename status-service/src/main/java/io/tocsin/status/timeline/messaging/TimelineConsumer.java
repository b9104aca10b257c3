package io.tocsin.status.timeline.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Topics;
import io.tocsin.status.timeline.service.TimelineService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads the events of the other three services into the incident timeline, one channel per topic. Each message is
 * acknowledged only after the transaction applying it committed; one that cannot be applied goes to that topic's
 * dead-letter topic. Each channel records the event ids it applied under its own consumer name in
 * {@code processed_event}.
 */
@ApplicationScoped
public class TimelineConsumer {

    private final EventReader reader;
    private final TimelineService timeline;

    public TimelineConsumer(EventReader reader, TimelineService timeline) {
        this.reader = reader;
        this.timeline = timeline;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvents(String json) throws IOException {
        return apply("status-service:incident-events", json);
    }

    @Incoming(Topics.ESCALATION_EVENTS)
    public Uni<Void> escalationEvents(String json) throws IOException {
        return apply("status-service:escalation-events", json);
    }

    @Incoming(Topics.NOTIFICATION_EVENTS)
    public Uni<Void> notificationEvents(String json) throws IOException {
        return apply("status-service:notification-events", json);
    }

    private Uni<Void> apply(String consumer, String json) throws IOException {
        return reader.read(json)
                .map(event -> timeline.apply(consumer, event))
                .orElseGet(() -> {
                    Log.debug("Skipping an event of a type this service does not know");
                    return Uni.createFrom().voidItem();
                });
    }
}
