package io.tocsin.escalation.breach.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.breach.model.BreachClock;
import io.tocsin.escalation.breach.model.BreachStages;
import io.tocsin.escalation.breach.repository.BreachClockRepository;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.engine.service.BreachClocks;
import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonRef;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The GDPR Art. 33 clocks of personal-data breaches (docs/security-incidents.md). incident-service's events start,
 * correct and stop a clock (inside the consumer's batch transaction); the escalation engine claims clocks that are due,
 * like its other durable timers, and asks notification-service to remind the data-protection audience
 * (BreachReminderRequested) in the same transaction that advances the timer, so each reminder goes out exactly once.
 */
@ApplicationScoped
public class BreachClockService implements BreachClocks {

    private final BreachClockRepository clocks;
    private final EscalationRepository escalations;
    private final EngineRepository db;
    private final Outbox outbox;

    public BreachClockService(BreachClockRepository clocks, EscalationRepository escalations, EngineRepository db,
                              Outbox outbox) {
        this.clocks = clocks;
        this.escalations = escalations;
        this.db = db;
        this.outbox = outbox;
    }

    /**
     * Starts the clock, or follows a corrected awareness time (reminders already sent stay sent; the next one is
     * timed from the new awareness). A marking after an unmark or a decision starts over.
     */
    public Uni<Void> onMarked(Envelope<PersonalDataBreachMarked> event) {
        PersonalDataBreachMarked d = event.data();
        return db.now().chain(now -> clocks.lockById(event.incidentId()).chain(existing -> {
            if (outdated(existing, event)) {
                return Uni.createFrom().voidItem();
            }
            BreachClock c = existing != null ? existing : new BreachClock();
            boolean correction = existing != null && existing.running();
            c.incidentId = event.incidentId();
            c.service = d.service();
            c.priority = d.priority().name();
            c.summary = d.summary();
            c.awareAt = d.awareAt();
            c.deadline = d.deadline();
            c.marked = true;
            if (!correction) {
                c.decidedAt = null;
                c.deadlineMet = null;
                c.remindedHours = 0;
            }
            c.nextReminderAt = BreachStages.next(c.awareAt, c.remindedHours);
            c.changedAt = event.occurredAt();
            c.updatedAt = now;
            String detail = (correction ? "Personal-data breach: awareness corrected to " : "Personal-data breach: aware since ")
                    + c.awareAt + "; the data-protection audience is reminded 24, 48 and 66 h after it, and told at "
                    + c.deadline + " (72 h) if no decision is recorded by then";
            return (existing != null ? Uni.createFrom().item(c) : clocks.persist(c))
                    .chain(() -> db.log(c.incidentId, now, null, null, "GDPR", detail));
        }));
    }

    /** Not a personal-data breach after all: no more reminders. */
    public Uni<Void> onUnmarked(Envelope<PersonalDataBreachUnmarked> event) {
        return stop(event, c -> {
            c.marked = false;
            return "Not a personal-data breach (" + event.data().reason() + "): no more reminders";
        });
    }

    /** A decision was recorded: no more reminders; whether the 72 hours were met is kept. */
    public Uni<Void> onDecided(Envelope<PersonalDataBreachDecided> event) {
        PersonalDataBreachDecided d = event.data();
        return stop(event, c -> {
            c.decidedAt = d.decidedAt();
            c.deadlineMet = d.deadlineMet();
            return "GDPR decision recorded " + (d.amended() ? "(amended) " : "")
                    + (d.deadlineMet() ? "within the 72 hours" : "after the 72-hour deadline") + ": no more reminders";
        });
    }

    /** The engine's half: locks up to {@code limit} clocks whose next reminder is due. */
    @Override
    public Uni<List<UUID>> claimDue(int limit) {
        return clocks.claimDue(limit);
    }

    /**
     * Sends the latest reminder that is due on the claimed clock and advances its timer, in the engine's transaction.
     * A clock that fell due late (marked long after awareness, no engine running for a while) sends one reminder, the
     * latest, not every one it missed.
     */
    @Override
    public Uni<Void> remind(UUID incidentId, Instant now) {
        return clocks.findById(incidentId).chain(c -> {
            int due = BreachStages.due(c.awareAt, c.remindedHours, now);
            if (due == 0) {
                c.nextReminderAt = BreachStages.next(c.awareAt, c.remindedHours);
                return Uni.createFrom().voidItem();
            }
            c.remindedHours = due;
            c.nextReminderAt = BreachStages.next(c.awareAt, due);
            c.updatedAt = now;
            boolean overdue = due == BreachStages.OVERDUE;
            return escalations.findById(incidentId).chain(e -> outbox.append(Envelope.of(new BreachReminderRequested(
                            c.service, Priority.valueOf(c.priority), c.summary, c.awareAt, c.deadline, due, overdue,
                            e == null || e.commanderId == null ? null : new PersonRef(e.commanderId, e.commanderName)),
                            incidentId, now)))
                    .chain(() -> db.log(incidentId, now, null, null, "GDPR", overdue
                            ? "Overdue: 72 h since awareness passed without a recorded decision; the data-protection "
                            + "audience was told"
                            : "Reminder to the data-protection audience: " + due + " h since awareness, no decision yet, "
                            + left(now, c.deadline) + " left until " + c.deadline));
        });
    }

    private Uni<Void> stop(Envelope<?> event, Function<BreachClock, String> change) {
        return db.now().chain(now -> clocks.lockById(event.incidentId()).chain(c -> {
            if (c == null) {
                // Never marked here (a replay that lost its mark): nothing runs, so nothing is to stop.
                Log.infof("%s for incident %s without a clock here; nothing to stop", event.type(), event.incidentId());
                return Uni.createFrom().voidItem();
            }
            if (outdated(c, event)) {
                return Uni.createFrom().voidItem();
            }
            String detail = change.apply(c);
            c.nextReminderAt = null;
            c.changedAt = event.occurredAt();
            c.updatedAt = now;
            return db.log(c.incidentId, now, null, null, "GDPR", detail);
        }));
    }

    private static boolean outdated(BreachClock c, Envelope<?> event) {
        return c != null && event.occurredAt().isBefore(c.changedAt);
    }

    /** "23 h 40 min". */
    static String left(Instant now, Instant deadline) {
        Duration d = Duration.between(now, deadline);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }
}
