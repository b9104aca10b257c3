package io.tocsin.escalation.incident.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.model.LogEntry;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.engine.service.Pager;
import io.tocsin.escalation.maintenance.service.MaintenanceService;
import io.tocsin.escalation.shared.service.Json;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies incident events to escalation state and drives the engine from them, inside the consumer's batch
 * transaction (commons' BatchConsumer records each event id there, so each is applied at most once). Events of one
 * incident may arrive out of order after a replay: whichever arrives first creates the row, what each event teaches
 * is kept, and a status is only replaced by an event that occurred later than the one that set it.
 */
@ApplicationScoped
public class EscalationService {

    private final EscalationRepository escalations;
    private final Outbox outbox;
    private final Pager pager;
    private final EngineRepository db;
    private final MaintenanceService maintenance;
    private final Json json;
    private final WarRoomService warRoom;

    public EscalationService(EscalationRepository escalations, Outbox outbox, Pager pager, EngineRepository db,
                             MaintenanceService maintenance, Json json, WarRoomService warRoom) {
        this.escalations = escalations;
        this.outbox = outbox;
        this.pager = pager;
        this.db = db;
        this.maintenance = maintenance;
        this.json = json;
        this.warRoom = warRoom;
    }

    public Uni<Void> onTriggered(Envelope<IncidentTriggered> event) {
        IncidentTriggered data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(), (e, now) -> {
            if (e.triggered) {
                return Uni.createFrom().voidItem();
            }
            boolean fresh = e.status == null;
            e.triggered = true;
            e.triggeredAt = event.occurredAt();
            e.respondBy = data.respondBy();
            e.links = json.write(data.links() == null ? List.of() : data.links());
            e.priority = data.priority().name();
            e.summary = data.summary();
            if (fresh) {
                setStatus(e, Escalation.Status.ACTIVE, event.occurredAt());
            }
            if (e.status != Escalation.Status.ACTIVE) {
                return db.log(e.incidentId, now, null, null, "STOPPED",
                        "Triggered after it was already " + e.status.name().toLowerCase() + ": nobody paged");
            }
            pager.startTargetClock(e, event.occurredAt());
            return startPaging(e, now);
        });
    }

    public Uni<Void> onAcknowledged(Envelope<IncidentAcknowledged> event) {
        IncidentAcknowledged data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(),
                (e, now) -> stop(e, Escalation.Status.ACKNOWLEDGED, event.occurredAt(), now));
    }

    public Uni<Void> onResolved(Envelope<IncidentResolved> event) {
        IncidentResolved data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(),
                (e, now) -> stop(e, Escalation.Status.RESOLVED, event.occurredAt(), now));
    }

    public Uni<Void> onReopened(Envelope<IncidentReopened> event) {
        IncidentReopened data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(), (e, now) -> {
            if (e.statusAt != null && event.occurredAt().isBefore(e.statusAt)) {
                return Uni.createFrom().voidItem();
            }
            setStatus(e, Escalation.Status.ACTIVE, event.occurredAt());
            e.priority = data.priority().name();
            e.respondBy = data.respondBy();
            if (!e.triggered) {
                return Uni.createFrom().voidItem();
            }
            pager.startTargetClock(e, event.occurredAt());
            return db.log(e.incidentId, now, null, null, "REOPENED", "Reopened: escalation starts over")
                    .chain(() -> startPaging(e, now));
        });
    }

    public Uni<Void> onSnoozed(Envelope<IncidentSnoozed> event) {
        IncidentSnoozed data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(), (e, now) -> {
            if (e.status != Escalation.Status.ACTIVE || data.snoozedUntil() == null || e.nextEscalationAt == null) {
                return Uni.createFrom().voidItem();
            }
            e.nextEscalationAt = data.snoozedUntil();
            return db.log(e.incidentId, now, null, null, "SNOOZED", "Escalation paused until " + data.snoozedUntil());
        });
    }

    public Uni<Void> onPriorityChanged(Envelope<IncidentPriorityChanged> event) {
        IncidentPriorityChanged data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(), (e, now) -> {
            e.priority = data.priority().name();
            e.summary = data.summary();
            if (data.respondBy() != null) {
                e.respondBy = data.respondBy();
            }
            if (!e.pageable()) {
                return Uni.createFrom().voidItem();
            }
            pager.startTargetClock(e, e.targetStart != null ? e.targetStart : event.occurredAt());
            return pager.switchPolicy(e, now);
        });
    }

    /**
     * Someone was given a role in the incident's response: they are paged with the room link (the war room), and the
     * escalation remembers its commander.
     */
    public Uni<Void> onRoleChanged(Envelope<IncidentRoleChanged> event) {
        IncidentRoleChanged data = event.data();
        return apply(event, data.service(), data.priority(), data.summary(),
                (e, now) -> warRoom.onRoleChanged(event, e, now));
    }

    /** The war room's bridge changed: later pages link to it. */
    public Uni<Void> onBridgeChanged(Envelope<IncidentBridgeChanged> event) {
        return warRoom.onBridgeChanged(event);
    }

    /** "Escalate now": fires the next level at once, unless the caller's view (step, loop) is already outdated. */
    public Uni<Escalation> escalateNow(UUID incidentId, Integer seenStep, Integer seenLoop, String actor) {
        return outbox.transaction(() -> escalations.lockById(incidentId).chain(e -> {
            if (e == null) {
                throw ProblemException.notFound("Escalation of incident " + incidentId);
            }
            if (!e.pageable() || e.policyId == null) {
                throw new ProblemException(409,
                        "Escalation of incident " + incidentId + " is not running (" + e.status
                                + (e.mutedBy != null ? ", muted" : "") + ")");
            }
            if (!java.util.Objects.equals(seenStep, e.lastStep) || !java.util.Objects.equals(seenLoop, e.lastLoop)) {
                return Uni.createFrom().item(e);
            }
            return db.now().chain(now -> db.log(e.incidentId, now, null, null, "MANUAL", "Escalated now by " + actor)
                    .chain(() -> pager.fire(e, now))).replaceWith(e);
        }));
    }

    @WithSession
    public Uni<Escalation> get(UUID incidentId) {
        return escalations.findById(incidentId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation of incident " + incidentId));
    }

    @WithSession
    public Uni<List<LogEntry>> log(UUID incidentId) {
        return escalations.log(incidentId);
    }

    /** Begins paging, unless a maintenance window covers the service: then it is muted and says why. */
    private Uni<Void> startPaging(Escalation e, Instant now) {
        return maintenance.muteIfCovered(e, now).chain(muted -> muted ? Uni.createFrom().voidItem() : pager.start(e, now));
    }

    private Uni<Void> stop(Escalation e, Escalation.Status status, Instant occurredAt, Instant now) {
        if (e.status == Escalation.Status.RESOLVED && status == Escalation.Status.ACKNOWLEDGED) {
            return Uni.createFrom().voidItem();
        }
        if (e.statusAt != null && occurredAt.isBefore(e.statusAt)) {
            return Uni.createFrom().voidItem();
        }
        setStatus(e, status, occurredAt);
        e.nextEscalationAt = null;
        e.nextTargetAt = null;
        return db.dropPendingPages(e.incidentId)
                .chain(() -> db.log(e.incidentId, now, null, null, "STOPPED", status.name().charAt(0)
                        + status.name().substring(1).toLowerCase() + ": escalation stopped"));
    }

    private static void setStatus(Escalation e, Escalation.Status status, Instant at) {
        e.status = status;
        e.statusAt = at;
    }

    /**
     * Runs {@code effect} on the incident's row (locked, or created from whatever this event carries when it is the
     * first one seen), inside the consumer's batch transaction, which also de-duplicates the event and writes the
     * outbox.
     */
    private Uni<Void> apply(Envelope<?> event, String service, Priority priority, String summary,
                            Effect effect) {
        return db.now().chain(now -> escalations.lockById(event.incidentId()).chain(existing -> {
            Escalation e = existing;
            boolean fresh = e == null;
            if (fresh) {
                e = new Escalation();
                e.incidentId = event.incidentId();
                e.service = service;
                e.priority = priority.name();
                e.summary = summary;
                e.links = "[]";
                e.triggered = false;
                e.updatedAt = now;
            }
            Escalation row = e;
            Uni<Void> persisted = fresh ? escalations.persist(row).replaceWithVoid() : Uni.createFrom().voidItem();
            if (fresh) {
                // The effect sets the status; a brand-new row has none until then.
                row.status = null;
            }
            return effect.apply(row, now).invoke(() -> {
                row.updatedAt = now;
                if (row.status == null) {
                    row.status = Escalation.Status.ACTIVE;
                }
            }).chain(() -> persisted);
        }));
    }

    @FunctionalInterface
    private interface Effect {
        Uni<Void> apply(Escalation escalation, Instant now);
    }
}
