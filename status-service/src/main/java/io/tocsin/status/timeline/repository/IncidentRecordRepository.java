package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.ResponseTimes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The incident read model. */
@ApplicationScoped
public class IncidentRecordRepository implements PanacheRepositoryBase<IncidentRecord, UUID> {

    private final Sql sql;

    public IncidentRecordRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * The incident's row, created empty if this is its first event, and locked for the rest of the transaction: the
     * three consumer channels may apply events of one incident at the same time, and each must fold over the
     * lines the others committed. Prepared statements and a detached row: this runs once per consumed event, and
     * {@link #saveFold} writes the row back.
     */
    public Uni<IncidentRecord> lockOrCreate(UUID id) {
        return sql.update("insert into incident_record (id, alert_count, updated_at) values ($1, 0, now()) on conflict do nothing", id)
                .chain(() -> sql.select("""
                        select service, priority, summary, status, phase, triggered_at, acknowledged_at, resolved_at,
                               respond_by, alert_count, public_title
                        from incident_record where id = $1 for update""", id))
                .map(rows -> {
                    Object[] row = rows.get(0);
                    IncidentRecord r = new IncidentRecord();
                    r.id = id;
                    r.service = (String) row[0];
                    r.priority = (String) row[1];
                    r.summary = (String) row[2];
                    r.status = row[3] == null ? null : IncidentRecord.Status.valueOf((String) row[3]);
                    r.phase = (String) row[4];
                    r.triggeredAt = TimelineRepository.instant(row[5]);
                    r.acknowledgedAt = TimelineRepository.instant(row[6]);
                    r.resolvedAt = TimelineRepository.instant(row[7]);
                    r.respondBy = TimelineRepository.instant(row[8]);
                    r.alertCount = ((Number) row[9]).intValue();
                    r.publicTitle = (String) row[10];
                    return r;
                });
    }

    /** Writes back what the fold decides (every column but the public title, which only public updates set). */
    public Uni<Void> saveFold(IncidentRecord r) {
        return sql.update("""
                        update incident_record set service = $2, priority = $3, summary = $4, status = $5, phase = $6,
                            triggered_at = $7, acknowledged_at = $8, resolved_at = $9, respond_by = $10, alert_count = $11,
                            updated_at = now()
                        where id = $1""", r.id, r.service, r.priority, r.summary, r.status == null ? null : r.status.name(),
                        r.phase, TimelineRepository.utc(r.triggeredAt), TimelineRepository.utc(r.acknowledgedAt),
                        TimelineRepository.utc(r.resolvedAt), TimelineRepository.utc(r.respondBy), r.alertCount)
                .replaceWithVoid();
    }

    /** Incidents that are open now (triggered or acknowledged) with a known service. */
    public Uni<List<IncidentRecord>> open() {
        return list("status in ?1 and service is not null",
                List.of(IncidentRecord.Status.TRIGGERED, IncidentRecord.Status.ACKNOWLEDGED));
    }

    /**
     * What the incidents triggered in [from, to) look like, in one line: how many there are, and the sum of their
     * {@code updated_at}. Every write to a row sets {@code updated_at} to its transaction's time, so any committed
     * change to one of them, and any incident entering or leaving the range, changes the line.
     */
    public Uni<String> fingerprint(Instant from, Instant to) {
        return sql.select("""
                        select count(*), coalesce(sum(extract(epoch from updated_at)), 0)::text from incident_record
                        where triggered_at >= $1 and triggered_at < $2 and status is not null""",
                        TimelineRepository.utc(from), TimelineRepository.utc(to))
                .map(rows -> rows.get(0)[0] + "/" + rows.get(0)[1]);
    }

    /**
     * The response times of the incidents triggered in [from, to): five columns by a prepared statement, no entities,
     * so a window of tens of thousands of incidents costs a few megabytes, not a persistence context full of rows.
     */
    public Uni<List<ResponseTimes>> responseTimes(Instant from, Instant to) {
        return sql.select("""
                        select priority, triggered_at, acknowledged_at, resolved_at, respond_by from incident_record
                        where triggered_at >= $1 and triggered_at < $2 and status is not null""",
                        TimelineRepository.utc(from), TimelineRepository.utc(to))
                .map(rows -> rows.stream().map(row -> new ResponseTimes((String) row[0],
                        TimelineRepository.instant(row[1]), TimelineRepository.instant(row[2]),
                        TimelineRepository.instant(row[3]), TimelineRepository.instant(row[4]))).toList());
    }

    /** Incidents that were open at some time after {@code since} (for the uptime bars), with a known service. */
    public Uni<List<IncidentRecord>> overlapping(Instant since) {
        return list("service is not null and triggeredAt is not null and (resolvedAt is null or resolvedAt >= ?1)", since);
    }
}
