package io.tocsin.escalation.maintenance.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.engine.service.Pager;
import io.tocsin.escalation.maintenance.model.Maintenance;
import io.tocsin.escalation.maintenance.repository.MaintenanceRepository;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationMuted;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;

/**
 * Maintenance windows mute paging for their services: running escalations are muted when a window starts, new
 * incidents open muted while it lasts (EscalationMuted says why nobody was paged), and when it ends escalation
 * resumes for what is still unacknowledged. An end replayed before its start wins: the late start is ignored.
 * Runs inside the consumer's batch transaction (commons' BatchConsumer), which also de-duplicates the events.
 */
@ApplicationScoped
public class MaintenanceService {

    private final MaintenanceRepository maintenances;
    private final EscalationRepository escalations;
    private final EngineRepository db;
    private final Pager pager;
    private final Outbox outbox;

    public MaintenanceService(MaintenanceRepository maintenances, EscalationRepository escalations,
                              EngineRepository db, Pager pager, Outbox outbox) {
        this.maintenances = maintenances;
        this.escalations = escalations;
        this.db = db;
        this.pager = pager;
        this.outbox = outbox;
    }

    /**
     * Mutes escalation {@code e} (locked, in the caller's transaction) when an active maintenance window covers its
     * service; true when it did, and the caller must not page.
     */
    public Uni<Boolean> muteIfCovered(Escalation e, Instant now) {
        return maintenances.activeFor(e.service).chain(maintenanceId -> maintenanceId == null
                ? Uni.createFrom().item(false)
                : maintenances.findById(maintenanceId).chain(m -> mute(e, m, now)).replaceWith(true));
    }

    public Uni<Void> onStarted(Envelope<MaintenanceStarted> event) {
        MaintenanceStarted data = event.data();
        return maintenances.findById(data.maintenanceId(), LockModeType.PESSIMISTIC_WRITE).chain(m -> {
            if (m != null && m.ended) {
                return Uni.createFrom().voidItem();
            }
            Maintenance window = m != null ? m : new Maintenance();
            window.id = data.maintenanceId();
            window.title = data.title();
            window.endsAt = data.endsAt();
            window.ended = false;
            List<String> services = data.services() == null ? List.of() : data.services();
            return (m == null ? maintenances.persistAndFlush(window).replaceWithVoid() : Uni.createFrom().voidItem())
                    .chain(() -> each(services, s -> maintenances.addService(window.id, s)))
                    .chain(() -> services.isEmpty() ? Uni.createFrom().item(List.<Escalation>of())
                            : escalations.list("status = ?1 and triggered = true and mutedBy is null and service in ?2",
                            Escalation.Status.ACTIVE, services))
                    .chain(running -> db.now().chain(now ->
                            each(running, e -> mute(e, window, now))));
        });
    }

    public Uni<Void> onEnded(Envelope<MaintenanceEnded> event) {
        MaintenanceEnded data = event.data();
        return maintenances.findById(data.maintenanceId(), LockModeType.PESSIMISTIC_WRITE).chain(m -> {
            Maintenance window = m != null ? m : new Maintenance();
            window.id = data.maintenanceId();
            window.title = data.title();
            window.ended = true;
            return (m == null ? maintenances.persistAndFlush(window).replaceWithVoid() : maintenances.flush())
                    .chain(() -> escalations.list("mutedBy", window.id))
                    .chain(muted -> db.now().chain(now -> each(muted, e -> unmute(e, window, now))));
        });
    }

    /** Resumes one escalation, or hands it to another window that still covers its service. */
    private Uni<Void> unmute(Escalation e, Maintenance ended, Instant now) {
        return maintenances.activeFor(e.service).chain(other -> {
            if (other != null) {
                return maintenances.findById(other).chain(m -> mute(e, m, now));
            }
            e.mutedBy = null;
            e.muteReason = null;
            Uni<Void> logged = db.log(e.incidentId, now, null, null, "UNMUTED",
                    "Maintenance '" + ended.title + "' ended: escalation resumes");
            if (e.status != Escalation.Status.ACTIVE) {
                return logged;
            }
            // Never paged (opened during the window): start now. Otherwise the timer simply continues.
            return logged.chain(() -> e.lastStep == null ? pager.start(e, now) : Uni.createFrom().voidItem());
        });
    }

    /** Mutes one escalation for maintenance window {@code m}: nobody is paged, and EscalationMuted says why. */
    private Uni<Void> mute(Escalation e, Maintenance m, Instant now) {
        e.mutedBy = m.id;
        e.muteReason = "Maintenance '" + m.title + "' (" + m.id + ") covers " + e.service
                + (m.endsAt != null ? " until " + m.endsAt : "") + ": nobody is paged";
        return db.dropPendingPages(e.incidentId)
                .chain(() -> outbox.append(Envelope.of(new EscalationMuted(e.service, Priority.valueOf(e.priority),
                        e.summary, e.muteReason), e.incidentId, now)))
                .chain(() -> db.log(e.incidentId, now, null, null, "MUTED", e.muteReason));
    }

    private static <T> Uni<Void> each(List<T> items, java.util.function.Function<T, Uni<Void>> work) {
        return Multi.createFrom().iterable(items).onItem().transformToUniAndConcatenate(t -> work.apply(t)).collect().last()
                .replaceWithVoid();
    }
}
