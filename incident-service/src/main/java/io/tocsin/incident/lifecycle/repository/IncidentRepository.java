package io.tocsin.incident.lifecycle.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.IncidentCursor;
import io.tocsin.incident.lifecycle.model.IncidentFilter;
import io.tocsin.incident.lifecycle.model.IncidentPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Incidents, including the atomic open-or-append that deduplication rests on. */
@ApplicationScoped
public class IncidentRepository implements PanacheRepositoryBase<Incident, UUID> {

    /**
     * One statement against the partial unique index, so concurrent identical alerts open exactly one incident. A
     * new incident starts at version 1 (its trigger is its first change).
     */
    private static final String OPEN_OR_APPEND = """
            insert into incident (id, integration_id, dedup_key, service, priority, severity, summary, source, links,
                                  status, alert_count, respond_by, created_at, last_seen_at, rule_id, version,
                                  timeline_seq, timeline_head)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'TRIGGERED', 1, $10, $11, $11, $12, 1, 1, $13)
            on conflict (integration_id, dedup_key) where status <> 'RESOLVED'
            do update set alert_count = incident.alert_count + 1, last_seen_at = excluded.last_seen_at,
                          version = incident.version + 1
            returning id, (xmax = 0) as opened, service, priority, summary, alert_count, last_seen_at, last_event_at,
                      timeline_seq, timeline_head""";

    private final Sql sql;

    public IncidentRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * What {@link #openOrAppend} did: opened a new incident, or counted the alert on the open one, whose current
     * fields come with it (so no second read is needed to describe it).
     */
    public record Upsert(UUID incidentId, boolean opened, String service, String priority, String summary,
                         int alertCount, Instant lastSeenAt, Instant lastEventAt, TimelineRepository.Head head) {
    }

    /**
     * Opens {@code candidate}, or, when an incident with the same (integration, dedup key) is still open, counts the
     * alert on it instead. One statement against the partial unique index, so concurrent identical alerts open
     * exactly one incident.
     */
    public Uni<Upsert> openOrAppend(Incident candidate, String firstEntryHash) {
        return sql.select(OPEN_OR_APPEND, candidate.id, candidate.integrationId, candidate.dedupKey, candidate.service,
                        candidate.priority, candidate.severity, candidate.summary, candidate.source, candidate.links,
                        candidate.respondBy.atOffset(ZoneOffset.UTC), candidate.createdAt.atOffset(ZoneOffset.UTC),
                        candidate.ruleId, firstEntryHash)
                .map(rows -> {
                    Object[] row = rows.get(0);
                    return new Upsert((UUID) row[0], (Boolean) row[1], (String) row[2], (String) row[3],
                            (String) row[4], ((Number) row[5]).intValue(), instant(row[6]), instant(row[7]),
                            new TimelineRepository.Head(((Number) row[8]).longValue(), (String) row[9]));
                });
    }

    /** Notes that an AlertAppended event went out for the incident (they are throttled), with its timeline entry. */
    public Uni<Void> announced(UUID incidentId, Instant at, TimelineRepository.Head head) {
        return sql.update("""
                        update incident set last_event_at = $2, version = version + 1, timeline_seq = $3, timeline_head = $4
                        where id = $1""", incidentId, at.atOffset(ZoneOffset.UTC), head.seq(), head.hash())
                .replaceWithVoid();
    }

    /** The id of the open incident of (integration, dedup key), locked, or null; no entity is loaded. */
    public Uni<UUID> openId(UUID integrationId, String dedupKey) {
        return sql.select("""
                        select id from incident where integration_id = $1 and dedup_key = $2 and status <> 'RESOLVED'
                        for update""", integrationId, dedupKey)
                .map(rows -> rows.isEmpty() ? null : (UUID) rows.get(0)[0]);
    }

    /** The head of the incident's timeline, its row locked for the rest of the transaction. */
    public Uni<TimelineRepository.Head> lockedHead(UUID incidentId) {
        return sql.select("select timeline_seq, timeline_head from incident where id = $1 for update", incidentId)
                .map(rows -> new TimelineRepository.Head(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1]));
    }

    /** Moves the head of the incident's timeline (after an entry was added through a prepared statement). */
    public Uni<Void> moveHead(UUID incidentId, TimelineRepository.Head head) {
        return sql.update("update incident set timeline_seq = $2, timeline_head = $3, version = version + 1 where id = $1",
                incidentId, head.seq(), head.hash()).replaceWithVoid();
    }

    private static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }

    public Uni<Incident> findOpen(UUID integrationId, String dedupKey) {
        return find("integrationId = ?1 and dedupKey = ?2 and status <> ?3", integrationId, dedupKey,
                Incident.Status.RESOLVED).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The incident, locked until the transaction ends: lifecycle changes never interleave. */
    public Uni<Incident> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether another incident with the same (integration, dedup key) is open, which blocks a reopen. */
    public Uni<Boolean> anotherOpen(Incident incident) {
        if (incident.integrationId == null) {
            return Uni.createFrom().item(false);
        }
        return count("integrationId = ?1 and dedupKey = ?2 and status <> ?3 and id <> ?4", incident.integrationId,
                incident.dedupKey, Incident.Status.RESOLVED, incident.id).map(n -> n > 0);
    }

    /** Newest first, keyset-paginated on (createdAt, id) so pages stay stable while incidents arrive. */
    public Uni<IncidentPage> list(IncidentFilter filter) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            query.append(" and status in :statuses");
            parameters.put("statuses", filter.statuses());
        }
        if (filter.assigneeId() != null) {
            query.append(" and assigneeId = :assignee");
            parameters.put("assignee", filter.assigneeId());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            query.append(" and priority in :priorities");
            parameters.put("priorities", filter.priorities());
        }
        if (filter.service() != null) {
            query.append(" and service = :service");
            parameters.put("service", filter.service());
        }
        if (filter.after() != null) {
            IncidentCursor cursor = IncidentCursor.decode(filter.after());
            query.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            parameters.put("at", cursor.createdAt());
            parameters.put("id", cursor.id());
        }
        query.append(" order by createdAt desc, id desc");
        // One row more than asked tells whether there is a next page.
        return find(query.toString(), parameters).range(0, filter.limit()).list()
                .map(items -> {
                    if (items.size() <= filter.limit()) {
                        return new IncidentPage(items, null);
                    }
                    List<Incident> page = new ArrayList<>(items.subList(0, filter.limit()));
                    Incident last = page.get(page.size() - 1);
                    return new IncidentPage(page, new IncidentCursor(last.createdAt, last.id).encode());
                });
    }
}
