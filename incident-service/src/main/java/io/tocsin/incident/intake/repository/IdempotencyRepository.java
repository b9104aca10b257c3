package io.tocsin.incident.intake.repository;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Idempotency-Key: the first request with a key claims it (ON CONFLICT DO NOTHING, so a concurrent twin waits for
 * the first one's commit and then sees its answer); the answer is stored in the same transaction as the effect.
 */
@ApplicationScoped
public class IdempotencyRepository {

    private final Sql sql;

    public IdempotencyRepository(Sql sql) {
        this.sql = sql;
    }

    /** True when this request claimed the key; false when an earlier request did. */
    public Uni<Boolean> claim(UUID integrationId, String key) {
        return sql.update("insert into idempotency_key (integration_id, key, response) values ($1, $2, '') on conflict do nothing",
                integrationId, key).map(rows -> rows == 1);
    }

    public Uni<String> answer(UUID integrationId, String key) {
        return sql.select("select response from idempotency_key where integration_id = $1 and key = $2", integrationId, key)
                .map(rows -> (String) rows.get(0)[0]);
    }

    public Uni<Integer> store(UUID integrationId, String key, String answer) {
        return sql.update("update idempotency_key set response = $3 where integration_id = $1 and key = $2",
                integrationId, key, answer);
    }
}
