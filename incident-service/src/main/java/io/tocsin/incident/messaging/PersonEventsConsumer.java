package io.tocsin.incident.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Topics;
import io.tocsin.incident.privacy.ErasureService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.person-events}: a PersonErased makes this service forget the person. Acknowledged after the
 * transaction committed; failures go to the dead-letter topic.
 */
@ApplicationScoped
public class PersonEventsConsumer {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final ErasureService erasure;

    public PersonEventsConsumer(ObjectMapper mapper, ErasureService erasure) {
        this.mapper = mapper;
        this.erasure = erasure;
    }

    @Incoming(Topics.PERSON_EVENTS)
    public Uni<Void> consume(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        if (EventType.byName(event.type()).orElse(null) != EventType.PERSON_ERASED) {
            return Uni.createFrom().voidItem();
        }
        PersonErased data = mapper.treeToValue(event.data(), PersonErased.class);
        return erasure.erase(new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(),
                event.incidentId(), data));
    }
}
