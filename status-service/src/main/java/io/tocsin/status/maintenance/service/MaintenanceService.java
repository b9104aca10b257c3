package io.tocsin.status.maintenance.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Envelope;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
import io.tocsin.status.maintenance.model.Maintenance;
import io.tocsin.status.maintenance.repository.MaintenanceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Maintenance windows: scheduled by incident commanders, started and ended by a durable timer (rows claimed with
 * SKIP LOCKED on the database clock, so any replica may run it and each transition happens once), each transition
 * published as MaintenanceStarted / MaintenanceEnded (escalation-service mutes paging in between).
 */
@ApplicationScoped
public class MaintenanceService {

    private final MaintenanceRepository maintenances;
    private final Outbox outbox;
    private volatile boolean started;

    public MaintenanceService(MaintenanceRepository maintenances, Outbox outbox) {
        this.maintenances = maintenances;
        this.outbox = outbox;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    public Uni<Maintenance> schedule(String title, String description, List<String> services, Instant startsAt,
                                     Instant endsAt, String actor) {
        if (!endsAt.isAfter(startsAt)) {
            return Uni.createFrom().failure(ProblemException.unprocessable("The request is not valid",
                    List.of("endsAt: must be after startsAt")));
        }
        Maintenance m = new Maintenance();
        m.id = UUID.randomUUID();
        m.title = title.strip();
        m.description = description == null || description.isBlank() ? null : description.strip();
        m.services = String.join(",", services.stream().distinct().toList());
        m.startsAt = startsAt;
        m.endsAt = endsAt;
        m.state = Maintenance.State.SCHEDULED;
        m.createdBy = actor;
        m.createdAt = Instant.now();
        // Through the outbox transaction so that a window starting now is picked up by the next tick at once.
        return outbox.transaction(() -> maintenances.persist(m));
    }

    /** Cancels a window that has not started, or ends one in progress now (with MaintenanceEnded). */
    public Uni<Maintenance> cancel(UUID id) {
        return outbox.transaction(() -> maintenances.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Maintenance " + id))
                .chain(m -> switch (m.state) {
                    case SCHEDULED -> {
                        m.state = Maintenance.State.CANCELLED;
                        yield Uni.createFrom().item(m);
                    }
                    case IN_PROGRESS -> end(m, Instant.now()).replaceWith(m);
                    default -> Uni.createFrom().failure(new ProblemException(409,
                            "The maintenance is already " + m.state));
                }));
    }

    @WithSession
    public Uni<List<Maintenance>> list() {
        return maintenances.newestFirst();
    }

    @Scheduled(every = "${tocsin.status.maintenance.check-every:10s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return started ? advance().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Starts and ends what is due; the number of transitions. */
    public Uni<Integer> advance() {
        return outbox.transaction(() -> maintenances.claimDue(100).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Instant now = Instant.now();
            return Multi.createFrom().iterable(due)
                    .onItem().transformToUniAndConcatenate(m -> m.state == Maintenance.State.SCHEDULED
                            ? start(m, now).chain(() -> !m.endsAt.isAfter(now) ? end(m, now) : Uni.createFrom().voidItem())
                            : end(m, now))
                    .collect().asList()
                    .map(List::size);
        }));
    }

    private Uni<Void> start(Maintenance m, Instant now) {
        m.state = Maintenance.State.IN_PROGRESS;
        m.startedAt = now;
        return outbox.append(Envelope.of(new MaintenanceStarted(m.id.toString(), m.title, m.serviceList(), m.startsAt,
                m.endsAt), null, now)).replaceWithVoid();
    }

    private Uni<Void> end(Maintenance m, Instant now) {
        m.state = Maintenance.State.COMPLETED;
        m.endedAt = now;
        return outbox.append(Envelope.of(new MaintenanceEnded(m.id.toString(), m.title, m.serviceList()), null, now))
                .replaceWithVoid();
    }
}
