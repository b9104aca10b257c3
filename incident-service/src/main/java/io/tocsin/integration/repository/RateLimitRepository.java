package io.tocsin.integration.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Fixed one-minute windows counted in PostgreSQL, so every replica enforces the same limit; each key has its own
 * row, so one noisy key never waits on another's.
 */
@ApplicationScoped
public class RateLimitRepository {

    /** The request count of the current window after counting this one, and seconds until the window ends. */
    public record Window(int requests, int secondsLeft) {
    }

    public Uni<Window> count(UUID integrationId) {
        String sql = """
                insert into rate_limit_window (integration_id, window_start, requests)
                values (?1, date_trunc('minute', now()), 1)
                on conflict (integration_id, window_start) do update set requests = rate_limit_window.requests + 1
                returning requests, greatest(1, ceil(extract(epoch from
                    (rate_limit_window.window_start + interval '1 minute' - now()))))::int""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                        .setParameter(1, integrationId)
                        .getSingleResult())
                .map(row -> new Window(((Number) row[0]).intValue(), ((Number) row[1]).intValue()));
    }

    /** Forgets windows older than an hour. */
    public Uni<Integer> prune() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "delete from rate_limit_window where window_start < now() - interval '1 hour'").executeUpdate());
    }
}
