package io.tocsin.escalation.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.ProcessedEvents;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.Escalation;
import io.tocsin.escalation.repository.EscalationRepository;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Applies incident events to escalation state. Each event is applied at most once (its id is recorded in the same
 * transaction), and an acknowledge or resolve that arrives before its trigger is kept, not lost.
 */
@ApplicationScoped
public class EscalationService {

    static final String CONSUMER = "escalation-service";

    private final EscalationRepository escalations;
    private final ProcessedEvents processed;

    public EscalationService(EscalationRepository escalations, ProcessedEvents processed) {
        this.escalations = escalations;
        this.processed = processed;
    }

    @WithTransaction
    public Uni<Void> onTriggered(Envelope<IncidentTriggered> event) {
        return once(event, () -> escalations.findById(event.incidentId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            IncidentTriggered data = event.data();
            Escalation escalation = new Escalation();
            escalation.incidentId = event.incidentId();
            escalation.service = data.service();
            escalation.priority = data.priority().name();
            escalation.summary = data.summary();
            escalation.respondBy = data.respondBy();
            escalation.status = Escalation.Status.ACTIVE;
            escalation.triggeredAt = event.occurredAt();
            escalation.updatedAt = Instant.now();
            return escalations.persist(escalation).replaceWithVoid();
        }));
    }

    @WithTransaction
    public Uni<Void> onAcknowledged(Envelope<IncidentAcknowledged> event) {
        return once(event, () -> setStatus(event.incidentId(), Escalation.Status.ACKNOWLEDGED));
    }

    @WithTransaction
    public Uni<Void> onResolved(Envelope<IncidentResolved> event) {
        return once(event, () -> setStatus(event.incidentId(), Escalation.Status.RESOLVED));
    }

    @WithSession
    public Uni<Escalation> get(UUID incidentId) {
        return escalations.findById(incidentId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation of incident " + incidentId));
    }

    private Uni<Void> setStatus(UUID incidentId, Escalation.Status status) {
        return escalations.findById(incidentId).invoke(escalation -> {
            if (escalation != null && escalation.status != Escalation.Status.RESOLVED) {
                escalation.status = status;
                escalation.updatedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> once(Envelope<?> event, java.util.function.Supplier<Uni<Void>> effect) {
        return processed.firstTime(CONSUMER, event.eventId())
                .chain(first -> first ? effect.get() : Uni.createFrom().voidItem());
    }
}
