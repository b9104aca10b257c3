package io.tocsin.commons.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Makes consumers idempotent: an event id is recorded in {@code processed_event} in the same transaction as its
 * effect, with {@code ON CONFLICT DO NOTHING} (a unique violation would spoil the reactive session), so a
 * redelivered message finds its id taken and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True the first time this consumer sees {@code eventId}; must run inside the effect's transaction. */
    public Uni<Boolean> firstTime(String consumer, UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate())
                .map(rows -> rows == 1);
    }
}
