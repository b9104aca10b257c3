package io.tocsin.notification.page.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Topics;
import io.tocsin.notification.page.service.PageService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.notification-requests}. Acknowledged only after the page row committed (the Uni completes
 * then); a message that cannot be applied goes to the dead-letter topic. Unknown types are skipped.
 */
@ApplicationScoped
public class NotificationRequestsConsumer {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final PageService pages;

    public NotificationRequestsConsumer(ObjectMapper mapper, PageService pages) {
        this.mapper = mapper;
        this.pages = pages;
    }

    @Incoming(Topics.NOTIFICATION_REQUESTS)
    public Uni<Void> consume(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        if (EventType.byName(event.type()).orElse(null) != EventType.NOTIFICATION_REQUESTED) {
            Log.debugf("Skipping event type %s", event.type());
            return Uni.createFrom().voidItem();
        }
        NotificationRequested data = mapper.treeToValue(event.data(), NotificationRequested.class);
        return pages.onRequested(new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(),
                event.incidentId(), data));
    }
}
