package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.timeline.IncidentRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The incident read model. */
@ApplicationScoped
public class IncidentRecordRepository implements PanacheRepositoryBase<IncidentRecord, UUID> {

    /**
     * The incident's row, created empty if this is its first event, and locked for the rest of the transaction: the
     * three consumer channels may apply events of one incident at the same time, and each must fold over the
     * lines the others committed.
     */
    public Uni<IncidentRecord> lockOrCreate(UUID id) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "insert into incident_record (id, alert_count, updated_at) values (?1, 0, now()) on conflict do nothing")
                        .setParameter(1, id)
                        .executeUpdate())
                .chain(() -> findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Incidents that are open now (triggered or acknowledged) with a known service. */
    public Uni<List<IncidentRecord>> open() {
        return list("status in ?1 and service is not null",
                List.of(IncidentRecord.Status.TRIGGERED, IncidentRecord.Status.ACKNOWLEDGED));
    }

    /** Incidents triggered in [from, to). */
    public Uni<List<IncidentRecord>> triggeredBetween(Instant from, Instant to) {
        return list("triggeredAt >= ?1 and triggeredAt < ?2 and status is not null", from, to);
    }

    /** Incidents that were open at some time after {@code since} (for the uptime bars), with a known service. */
    public Uni<List<IncidentRecord>> overlapping(Instant since) {
        return list("service is not null and triggeredAt is not null and (resolvedAt is null or resolvedAt >= ?1)", since);
    }
}
