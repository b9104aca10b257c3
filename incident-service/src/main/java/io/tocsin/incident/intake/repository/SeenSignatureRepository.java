package io.tocsin.incident.intake.repository;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Signatures already taken, so a signed request cannot be replayed within its window (on any replica). */
@ApplicationScoped
public class SeenSignatureRepository {

    private final Sql sql;
    private final Pool pool;

    public SeenSignatureRepository(Sql sql, Pool pool) {
        this.sql = sql;
        this.pool = pool;
    }

    /** True the first time {@code signature} is seen for the integration; inside the alert's transaction. */
    public Uni<Boolean> firstUse(UUID integrationId, String signature) {
        return sql.update("insert into seen_signature (integration_id, signature) values ($1, $2) on conflict do nothing",
                integrationId, signature).map(rows -> rows == 1);
    }

    /** Forgets signatures older than the replay window (and a margin for clock skew between replicas). */
    public Uni<Integer> prune() {
        return pool.query("delete from seen_signature where seen_at < now() - interval '15 minutes'").execute()
                .map(rows -> rows.rowCount());
    }
}
