package io.tocsin.status.timeline.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads an event from its JSON: the envelope first, then {@code data} as the record its type names. Unknown types
 * (a newer producer) are empty so consumers skip them; malformed JSON throws, which sends the message to the
 * channel's dead-letter topic.
 */
@ApplicationScoped
public class EventReader {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Envelope<?>> read(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        Optional<EventType> type = EventType.byName(event.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Object data = mapper.treeToValue(event.data(), type.get().dataClass());
        return Optional.of(new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(),
                event.incidentId(), data));
    }
}
