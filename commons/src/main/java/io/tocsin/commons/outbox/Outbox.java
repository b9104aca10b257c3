package io.tocsin.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventData;
import io.tocsin.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The only way a service publishes an event: {@link #transaction} runs the work and the outbox rows it
 * {@link #append appends} in ONE database transaction, and wakes the relay once that transaction has committed.
 * Nothing is ever sent to Kafka directly, so no change is published without being stored, or stored without
 * being published.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT =
            "insert into outbox (event_id, topic, message_key, payload) values ($1, $2, $3, $4)";

    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final Sql sql;

    public Outbox(ObjectMapper mapper, OutboxRelay relay, Sql sql) {
        this.mapper = mapper;
        this.relay = relay;
        this.sql = sql;
    }

    /** Runs {@code work} in a transaction; after the commit the relay publishes what it appended. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wake);
    }

    /** Stores an event for publication; must run inside {@link #transaction}. Kafka key = incident id. */
    public <T extends EventData> Uni<Envelope<T>> append(Envelope<T> event) {
        String topic = EventType.byName(event.type()).orElseThrow().topic();
        String key = event.incidentId() == null ? null : event.incidentId().toString();
        return sql.update(INSERT, event.eventId(), topic, key, serialize(event)).replaceWith(event);
    }

    /**
     * Stores a message that is not one of our events (a record a consumer could not apply, for its dead-letter
     * topic) under an id derived from where it came from, once: a second append with that id does nothing. Must run
     * inside {@link #transaction}.
     */
    public Uni<Void> appendOnce(UUID id, String topic, String key, String payload) {
        return sql.update(INSERT + " on conflict (event_id) do nothing", id, topic, key, payload).replaceWithVoid();
    }

    private String serialize(Envelope<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " cannot be serialized", e);
        }
    }
}
