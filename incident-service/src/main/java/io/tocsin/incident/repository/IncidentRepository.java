package io.tocsin.incident.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.Incident;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.UUID;

/** Incidents, including the atomic open-or-append that deduplication rests on. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /** Whether {@link #openOrAppend} opened a new incident or appended the alert to the open one. */
    public record Upsert(UUID incidentId, boolean opened) {
    }

    /**
     * Opens {@code candidate}, or, when an incident with the same (integration, dedup key) is still open, counts the
     * alert on it instead. One statement against the partial unique index, so concurrent identical alerts open
     * exactly one incident.
     */
    public Uni<Upsert> openOrAppend(Incident candidate) {
        String sql = """
                insert into incident (id, integration_id, dedup_key, service, priority, severity, summary, source, links,
                                      status, alert_count, respond_by, created_at, last_seen_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'TRIGGERED', 1, ?10, ?11, ?11)
                on conflict (integration_id, dedup_key) where status <> 'RESOLVED'
                do update set alert_count = incident.alert_count + 1, last_seen_at = excluded.last_seen_at
                returning id, (xmax = 0) as opened""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter(1, candidate.id)
                        .setParameter(2, candidate.integrationId)
                        .setParameter(3, candidate.dedupKey)
                        .setParameter(4, candidate.service)
                        .setParameter(5, candidate.priority)
                        .setParameter(6, candidate.severity)
                        .setParameter(7, candidate.summary)
                        .setParameter(8, candidate.source)
                        .setParameter(9, candidate.links)
                        .setParameter(10, candidate.respondBy.atOffset(ZoneOffset.UTC))
                        .setParameter(11, candidate.createdAt.atOffset(ZoneOffset.UTC))
                        .getSingleResult())
                .map(row -> new Upsert((UUID) row[0], (Boolean) row[1]));
    }

    public Uni<Incident> findOpen(UUID integrationId, String dedupKey) {
        return find("integrationId = ?1 and dedupKey = ?2 and status <> ?3", integrationId, dedupKey,
                Incident.Status.RESOLVED).firstResult();
    }
}
