package io.tocsin.intake.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Idempotency-Key: the first request with a key claims it (ON CONFLICT DO NOTHING, so a concurrent twin waits for
 * the first one's commit and then sees its answer); the answer is stored in the same transaction as the effect.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** True when this request claimed the key; false when an earlier request did. */
    public Uni<Boolean> claim(UUID integrationId, String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into idempotency_key (integration_id, key, response) values (?1, ?2, '')
                        on conflict do nothing""")
                .setParameter(1, integrationId)
                .setParameter(2, key)
                .executeUpdate()).map(rows -> rows == 1);
    }

    public Uni<String> answer(UUID integrationId, String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select response from idempotency_key where integration_id = ?1 and key = ?2", String.class)
                .setParameter(1, integrationId)
                .setParameter(2, key)
                .getSingleResult());
    }

    public Uni<Integer> store(UUID integrationId, String key, String answer) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update idempotency_key set response = ?3 where integration_id = ?1 and key = ?2")
                .setParameter(1, integrationId)
                .setParameter(2, key)
                .setParameter(3, answer)
                .executeUpdate());
    }
}
