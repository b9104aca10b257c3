package io.tocsin.escalation.engine.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.model.EscalationLog;
import io.tocsin.escalation.engine.model.LogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

/** Escalation state by incident id, and what the engine did for it. */
@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<Escalation, UUID> {

    /** The row, locked for this transaction (the engine's SKIP LOCKED claim passes it by meanwhile); or null. */
    public Uni<Escalation> lockById(UUID incidentId) {
        return findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Uni<List<LogEntry>> log(UUID incidentId) {
        return Panache.getSession().chain(s -> s.createQuery(
                        "from EscalationLog where incidentId = ?1 order by id", EscalationLog.class)
                .setParameter(1, incidentId).getResultList())
                .map(list -> list.stream().map(l -> new LogEntry(l.at, l.step, l.loop, l.outcome, l.detail)).toList());
    }
}
