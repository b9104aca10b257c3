package io.tocsin.escalation.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.escalation.breach.model.BreachClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/** GDPR breach clocks by incident id, and the engine's claim of those that are due. */
@ApplicationScoped
public class BreachClockRepository implements PanacheRepositoryBase<BreachClock, UUID> {

    private final Sql sql;

    public BreachClockRepository(Sql sql) {
        this.sql = sql;
    }

    /** The clock, locked for this transaction (the engine's SKIP LOCKED claim passes it by meanwhile); or null. */
    public Uni<BreachClock> lockById(UUID incidentId) {
        return findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locks up to {@code limit} clocks whose next reminder is due (database clock) and no other replica holds. */
    public Uni<List<UUID>> claimDue(int limit) {
        return sql.select("""
                        select incident_id from breach_clock
                        where next_reminder_at <= now() and marked and decided_at is null
                        order by next_reminder_at limit $1 for update skip locked""", limit)
                .map(rows -> rows.stream().map(row -> (UUID) row[0]).toList());
    }
}
