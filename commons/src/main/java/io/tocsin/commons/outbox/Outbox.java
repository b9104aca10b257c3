package io.tocsin.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventData;
import io.tocsin.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The only way a service publishes an event: {@link #transaction} runs the work and the outbox rows it
 * {@link #append appends} in ONE database transaction, and wakes the relay once that transaction has committed.
 * Nothing is ever sent to Kafka directly, so no change is published without being stored, or stored without
 * being published.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final OutboxRelay relay;

    public Outbox(ObjectMapper mapper, OutboxRelay relay) {
        this.mapper = mapper;
        this.relay = relay;
    }

    /** Runs {@code work} in a transaction; after the commit the relay publishes what it appended. */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::wake);
    }

    /** Stores an event for publication; must run inside {@link #transaction}. Kafka key = incident id. */
    public <T extends EventData> Uni<Envelope<T>> append(Envelope<T> event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.eventId();
        message.topic = EventType.byName(event.type()).orElseThrow().topic();
        message.messageKey = event.incidentId() == null ? null : event.incidentId().toString();
        message.payload = serialize(event);
        message.createdAt = Instant.now();
        return message.persist().replaceWith(event);
    }

    private String serialize(Envelope<?> event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.type() + " cannot be serialized", e);
        }
    }
}
