package io.tocsin.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The wire format of every Tocsin event: the envelope fields every consumer needs to de-duplicate
 * ({@code eventId}), route ({@code type}, {@code version}) and order ({@code incidentId} is also the
 * Kafka key), with the event's own fields under {@code data}.
 *
 * @param <T> the event's data record, or a JSON tree while a consumer has not yet looked at {@code type}
 */
public record Envelope<T>(UUID eventId, String type, int version, Instant occurredAt, UUID incidentId, T data) {

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A new event with a fresh id; the type and schema version come from the data record's {@link EventType}. */
    public static <T extends EventData> Envelope<T> of(T data, UUID incidentId, Instant occurredAt) {
        EventType type = EventType.of(data);
        return new Envelope<>(UUID.randomUUID(), type.typeName(), type.version(), occurredAt, incidentId, data);
    }
}
