package io.tocsin.incident.integration.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The shared side of the rate limits: one row per key and one-minute window, to which every replica adds what it
 * counted (RateLimits flushes once a second); each key has its own row, so one noisy key never waits on another's.
 */
@ApplicationScoped
public class RateLimitRepository {

    private static final String ADD = """
            insert into rate_limit_window (integration_id, window_start, requests) values ($1, $2, $3)
            on conflict (integration_id, window_start) do update set requests = rate_limit_window.requests + excluded.requests
            returning requests""";

    private final Pool pool;

    public RateLimitRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds {@code requests} to the key's window starting at {@code minute} (epoch minutes); the new total. */
    public Uni<Integer> add(UUID integrationId, long minute, int requests) {
        return pool.preparedQuery(ADD)
                .execute(Tuple.of(integrationId, Instant.ofEpochSecond(minute * 60).atOffset(ZoneOffset.UTC), requests))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Forgets windows older than an hour. */
    public Uni<Integer> prune() {
        return pool.query("delete from rate_limit_window where window_start < now() - interval '1 hour'").execute()
                .map(rows -> rows.rowCount());
    }
}
