package io.tocsin.status.maintenance.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.maintenance.model.Maintenance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Maintenance windows. */
@ApplicationScoped
public class MaintenanceRepository implements PanacheRepositoryBase<Maintenance, UUID> {

    /** Scheduled or in progress, soonest first. */
    public Uni<List<Maintenance>> current() {
        return list("state in ?1 order by startsAt",
                List.of(Maintenance.State.SCHEDULED, Maintenance.State.IN_PROGRESS));
    }

    /** Completed windows that ended since {@code since}, newest first. */
    public Uni<List<Maintenance>> completedSince(Instant since) {
        return list("state = ?1 and endsAt >= ?2 order by endsAt desc", Maintenance.State.COMPLETED, since);
    }

    public Uni<List<Maintenance>> newestFirst() {
        return list("order by startsAt desc");
    }

    /**
     * Windows whose start or end is due by the database's clock, locked so one replica moves each; the caller
     * changes their state in the same transaction.
     */
    public Uni<List<Maintenance>> claimDue(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from maintenance
                        where (state = 'SCHEDULED' and starts_at <= now()) or (state = 'IN_PROGRESS' and ends_at <= now())
                        order by starts_at limit ?1 for update skip locked""", Maintenance.class)
                .setParameter(1, limit)
                .getResultList());
    }
}
