package io.tocsin.status.timeline.messaging;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Topics;
import io.tocsin.status.timeline.service.TimelineService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.notification-events} (from notification-service) into the incident timeline. Acknowledged only after the
 * transaction applying the event committed; a message that cannot be applied goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotificationEventsConsumer {

    static final String CONSUMER = "status-service:notification-events";

    private final EventReader reader;
    private final TimelineService timeline;

    public NotificationEventsConsumer(EventReader reader, TimelineService timeline) {
        this.reader = reader;
        this.timeline = timeline;
    }

    @Incoming(Topics.NOTIFICATION_EVENTS)
    public Uni<Void> consume(String json) throws IOException {
        return reader.read(json)
                .map(event -> timeline.apply(CONSUMER, event))
                .orElseGet(() -> {
                    Log.debug("Skipping an event of a type this service does not know");
                    return Uni.createFrom().voidItem();
                });
    }
}
