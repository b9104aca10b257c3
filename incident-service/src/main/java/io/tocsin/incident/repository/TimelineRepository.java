package io.tocsin.incident.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.incident.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The incident timeline, oldest entry first. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    private final Sql sql;

    public TimelineRepository(Sql sql) {
        this.sql = sql;
    }

    /** Adds an entry in the caller's transaction (every lifecycle change and every alert writes one). */
    public Uni<Void> append(TimelineEntry entry) {
        return sql.update("insert into timeline_entry (incident_id, at, kind, actor, detail) values ($1, $2, $3, $4, $5)",
                entry.incidentId, entry.at.atOffset(ZoneOffset.UTC), entry.kind, entry.actor, entry.detail)
                .replaceWithVoid();
    }

    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
