package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.model.TimelineKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Timeline lines by event id; an incident's lines in timeline order. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, UUID> {

    private static final String COLUMNS = """
            event_id, incident_id, at, kind, actor, detail, audience, service, priority, summary, respond_by, triggered_at,
            acknowledged_at, alert_count, phase""";

    private final Sql sql;

    public TimelineRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Every line of an incident, read for the fold that follows each event (prepared statement, detached rows:
     * this runs once per consumed event).
     */
    public Uni<List<TimelineEntry>> linesOf(UUID incidentId) {
        return sql.select("select " + COLUMNS + " from timeline_entry where incident_id = $1", incidentId)
                .map(rows -> rows.stream().map(TimelineRepository::entry).toList());
    }

    /** Adds a line in the caller's transaction. */
    public Uni<Void> append(TimelineEntry e) {
        return sql.update("insert into timeline_entry (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                        + " $11, $12, $13, $14, $15)", e.eventId, e.incidentId, utc(e.at), e.kind.name(), e.actor, e.detail,
                        e.audience, e.service, e.priority, e.summary, utc(e.respondBy), utc(e.triggeredAt),
                        utc(e.acknowledgedAt), e.alertCount, e.phase)
                .replaceWithVoid();
    }

    private static TimelineEntry entry(Object[] row) {
        TimelineEntry e = new TimelineEntry();
        e.eventId = (UUID) row[0];
        e.incidentId = (UUID) row[1];
        e.at = instant(row[2]);
        e.kind = TimelineKind.valueOf((String) row[3]);
        e.actor = (String) row[4];
        e.detail = (String) row[5];
        e.audience = (String) row[6];
        e.service = (String) row[7];
        e.priority = (String) row[8];
        e.summary = (String) row[9];
        e.respondBy = instant(row[10]);
        e.triggeredAt = instant(row[11]);
        e.acknowledgedAt = instant(row[12]);
        e.alertCount = row[13] == null ? null : ((Number) row[13]).intValue();
        e.phase = (String) row[14];
        return e;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object value) {
        return value == null ? null : ((OffsetDateTime) value).toInstant();
    }

    /** All lines of an incident, in no order (the read model's order is the service's: IncidentProjection.ORDER). */
    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1", incidentId);
    }

    /** Stores who {@code entry} names (for erasure), in the caller's transaction after the line itself. */
    public Uni<Void> rememberPeople(TimelineEntry entry) {
        List<Object[]> people = entry.people.stream()
                .map(person -> new Object[] {entry.eventId, person.id(), person.name()}).toList();
        return sql.updateEach("insert into timeline_person (event_id, person_id, name) values ($1, $2, $3) on conflict do nothing",
                people).replaceWithVoid();
    }
}
