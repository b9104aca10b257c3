package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.Priority;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.IncidentSpan;
import io.tocsin.status.timeline.model.ResponseSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
     * The response figures of the incidents triggered in [from, to), one row per priority that has any, aggregated
     * by PostgreSQL: a window of a hundred thousand incidents costs the service a few rows, not a hundred
     * megabytes of heap. Percentiles by the nearest-rank method ({@code percentile_disc}: always a duration that
     * really happened); an incident without its own deadline (its trigger never arrived here) is measured against
     * {@code targetMillis} of its priority.
     */
    public Uni<List<ResponseSummary>> responseSummary(Instant from, Instant to, Map<Priority, Long> targetMillis) {
        return sql.select("""
                        with times as (
                            select priority,
                                   case when acknowledged_at is not null then greatest(0,
                                       floor(extract(epoch from acknowledged_at - triggered_at) * 1000))::bigint end as tta,
                                   case when resolved_at is not null then greatest(0,
                                       floor(extract(epoch from resolved_at - triggered_at) * 1000))::bigint end as ttr,
                                   acknowledged_at <= coalesce(respond_by, triggered_at + interval '1 millisecond'
                                       * case priority when 'P1' then $3::bigint when 'P2' then $4::bigint
                                                       when 'P3' then $5::bigint else $6::bigint end) as within
                            from incident_record
                            where triggered_at >= $1 and triggered_at < $2 and status is not null and priority is not null)
                        select priority, count(*), count(tta), count(ttr),
                               percentile_disc(0.5) within group (order by tta), percentile_disc(0.9) within group (order by tta),
                               percentile_disc(0.5) within group (order by ttr), percentile_disc(0.9) within group (order by ttr),
                               count(*) filter (where within)
                        from times group by priority""",
                        TimelineRepository.utc(from), TimelineRepository.utc(to), targetMillis.get(Priority.P1),
                        targetMillis.get(Priority.P2), targetMillis.get(Priority.P3), targetMillis.get(Priority.P4))
                .map(rows -> rows.stream().map(row -> new ResponseSummary((String) row[0], (Long) row[1],
                        (Long) row[2], (Long) row[3], (Long) row[4], (Long) row[5], (Long) row[6], (Long) row[7],
                        (Long) row[8])).toList());
    }

    /**
     * The incidents of {@code services} that are open now or were resolved since {@code since}, as spans: five
     * columns by a prepared statement, no entities. The public page reads this on every request, so it must not
     * grow with the incidents of services that have no component (a database with 180,000 incidents in the
     * uptime window took the service out of heap when the page loaded them all). P4 incidents leave a component
     * operational and are not read.
     */
    public Uni<List<IncidentSpan>> spans(Collection<String> services, Instant since) {
        if (services.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sql.select("""
                        select service, priority, triggered_at, resolved_at, status <> 'RESOLVED' from incident_record
                        where service = any($1) and priority in ('P1', 'P2', 'P3')
                          and (status in ('TRIGGERED', 'ACKNOWLEDGED') or (status = 'RESOLVED' and resolved_at >= $2))""",
                        services.toArray(String[]::new), TimelineRepository.utc(since))
                .map(rows -> rows.stream().map(row -> new IncidentSpan((String) row[0], Priority.valueOf((String) row[1]),
                        TimelineRepository.instant(row[2]), Boolean.TRUE.equals(row[4]) ? null
                        : TimelineRepository.instant(row[3]), (Boolean) row[4])).toList());
    }

    /** Ids of the open incidents that have a public update (the first one gives the incident its public title). */
    public Uni<List<UUID>> openWithPublicUpdates() {
        return sql.select("""
                        select id from incident_record
                        where status in ('TRIGGERED', 'ACKNOWLEDGED') and public_title is not null""")
                .map(rows -> rows.stream().map(row -> (UUID) row[0]).toList());
    }
}
