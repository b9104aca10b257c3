package io.tocsin.incident.breach.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventData;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Priority;
import io.tocsin.incident.breach.config.BreachConfig;
import io.tocsin.incident.breach.model.PersonalDataBreach;
import io.tocsin.incident.breach.repository.BreachRepository;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.repository.TimelineRepository;
import io.tocsin.incident.lifecycle.service.BreachMarking;
import io.tocsin.incident.lifecycle.service.IncidentService;
import io.tocsin.incident.room.repository.RoleRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Personal-data breaches (GDPR Art. 33): marking an incident (which starts the 72-hour clock from the time the
 * organisation became aware), correcting that time, unmarking it, and recording the decision on notifying the
 * supervisory authority. Only the incident's commander and the incident-commander and admin token roles may. Each
 * change writes the breach, a timeline entry with the actor and its event in one transaction on the locked incident;
 * repeating a change that is already so writes nothing.
 */
@ApplicationScoped
public class BreachService implements BreachMarking {

    private final IncidentService incidents;
    private final BreachRepository breaches;
    private final RoleRepository roles;
    private final Outbox outbox;
    private final BreachConfig config;

    public BreachService(IncidentService incidents, BreachRepository breaches, RoleRepository roles, Outbox outbox,
                         BreachConfig config) {
        this.incidents = incidents;
        this.breaches = breaches;
        this.roles = roles;
        this.outbox = outbox;
        this.config = config;
    }

    /** The incident's breach record; 404 for an unknown incident or one never marked. */
    @WithSession
    public Uni<PersonalDataBreach> get(UUID incidentId) {
        return incidents.get(incidentId).chain(incident -> breaches.findById(incidentId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        "A personal-data breach record of incident " + incidentId));
    }

    /**
     * Marks the incident a personal-data breach the organisation knows of since {@code awareAt}, or corrects that time
     * while no decision is recorded. Marking again after an unmark starts over (a new assessment, a new clock).
     */
    public Uni<PersonalDataBreach> mark(UUID incidentId, Instant awareAt, String note, Actor caller, boolean privileged) {
        Instant now = now();
        List<String> errors = BreachRules.awareness(awareAt, now, config.maxAwarenessAge());
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The awareness time cannot be taken", errors);
        }
        Instant aware = awareAt.truncatedTo(ChronoUnit.MICROS);
        String why = blankToNull(note);
        return change(incidentId, caller, privileged, (incident, existing) -> {
            if (existing != null && existing.marked) {
                if (existing.awareAt.equals(aware)) {
                    return Uni.createFrom().item(existing);
                }
                if (existing.decided()) {
                    throw new ProblemException(409, "The decision was recorded against awareness "
                            + "since " + existing.awareAt + "; the awareness time can no longer change");
                }
                Instant was = existing.awareAt;
                existing.awareAt = aware;
                existing.deadline = BreachRules.deadline(aware);
                return record(incident, now, "personal-data-breach-awareness-corrected", caller,
                        BreachRules.corrected(was, aware), marked(incident, existing, caller))
                        .replaceWith(existing);
            }
            PersonalDataBreach b = existing != null ? existing : new PersonalDataBreach();
            b.incidentId = incidentId;
            b.marked = true;
            b.awareAt = aware;
            b.deadline = BreachRules.deadline(aware);
            b.source = PersonalDataBreach.Source.MANUAL;
            b.ruleName = null;
            b.note = why;
            b.markedAt = now;
            b.markedBy = IncidentService.display(caller);
            b.markedById = caller.id();
            clearUnmark(b);
            clearDecision(b);
            Uni<PersonalDataBreach> stored = existing != null ? Uni.createFrom().item(b) : breaches.persist(b);
            return stored.chain(() -> record(incident, now, "personal-data-breach-marked", caller,
                    BreachRules.marked(aware, null, why), marked(incident, b, caller))).replaceWith(b);
        });
    }

    /**
     * A classification rule marked a new incident a personal-data breach (called while the incident is opened, in its
     * transaction): the organisation is aware since the alert arrived. Only alerts that match such a rule pay for the
     * second timeline entry, the record and the event.
     */
    @Override
    public Uni<Void> markedByRule(Incident incident, TimelineRepository.Head head, IncidentService.NewIncident facts,
                                  Actor actor, Instant now) {
        Instant aware = now.truncatedTo(ChronoUnit.MICROS);
        Instant deadline = BreachRules.deadline(aware);
        return incidents.append(incident.id, head, aware, "personal-data-breach-marked", actor,
                        BreachRules.marked(aware, facts.ruleName(), null))
                .chain(() -> breaches.insertByRule(incident.id, aware, deadline, facts.ruleName(),
                        IncidentService.display(actor), aware))
                .chain(() -> outbox.append(Envelope.of(new PersonalDataBreachMarked(incident.service, facts.priority(),
                        incident.summary, aware, deadline, PersonalDataBreachMarked.Source.RULE, facts.ruleName(),
                        null, actor), incident.id, now)))
                .replaceWithVoid();
    }

    /** Not a personal-data breach after all: the clock stops; the record and its timeline stay. */
    public Uni<PersonalDataBreach> unmark(UUID incidentId, String reason, Actor caller, boolean privileged) {
        return change(incidentId, caller, privileged, (incident, b) -> {
            if (b == null) {
                throw ProblemException.notFound("A personal-data breach record of incident " + incidentId);
            }
            if (!b.marked) {
                return Uni.createFrom().item(b);
            }
            Instant now = now();
            b.marked = false;
            b.unmarkedAt = now;
            b.unmarkReason = reason.strip();
            b.unmarkedBy = IncidentService.display(caller);
            b.unmarkedById = caller.id();
            return record(incident, now, "personal-data-breach-unmarked", caller, BreachRules.unmarked(reason),
                    new PersonalDataBreachUnmarked(incident.service, priority(incident), incident.summary, b.unmarkReason,
                            caller)).replaceWith(b);
        });
    }

    /**
     * Records (or amends) the decision: it stops the reminders. Whether the 72 hours were met is measured with the
     * first decision, so an amendment (a reference number that came later) does not change it.
     */
    public Uni<PersonalDataBreach> decide(UUID incidentId, BreachRules.Decision request, Actor caller,
                                          boolean privileged) {
        BreachRules.Decision d = request.normalized();
        return change(incidentId, caller, privileged, (incident, b) -> {
            if (b == null || !b.marked) {
                throw new ProblemException(409, "Incident " + incidentId
                        + " is not marked a personal-data breach: mark it first");
            }
            Instant now = now();
            List<String> errors = BreachRules.decision(d, b.awareAt, now);
            if (!errors.isEmpty()) {
                throw ProblemException.unprocessable("The decision cannot be recorded", errors);
            }
            if (BreachRules.sameDecision(b, d)) {
                return Uni.createFrom().item(b);
            }
            boolean amended = b.decided();
            if (!amended) {
                b.decidedAt = now;
            }
            b.decisionUpdatedAt = now;
            b.notifyAuthority = d.notifyAuthority();
            b.authorityNotifiedAt = d.authorityNotifiedAt();
            b.authority = d.authority();
            b.reference = d.reference();
            b.reasoning = d.reasoning();
            b.dataSubjectsInformed = d.dataSubjectsInformed();
            b.dataSubjectsInformedAt = d.dataSubjectsInformedAt();
            b.decidedBy = IncidentService.display(caller);
            b.decidedById = caller.id();
            boolean met = BreachRules.deadlineMet(b.deadline, b.decidedAt, d);
            return record(incident, now, amended ? "personal-data-breach-decision-amended" : "personal-data-breach-decided",
                    caller, BreachRules.decided(d, b.awareAt, b.deadline, b.decidedAt, amended),
                    new PersonalDataBreachDecided(incident.service, priority(incident), incident.summary, b.awareAt,
                            b.deadline, b.decidedAt, d.notifyAuthority(), d.authorityNotifiedAt(), d.authority(),
                            d.reference(), d.reasoning(), d.dataSubjectsInformed(), d.dataSubjectsInformedAt(), met,
                            amended, caller)).replaceWith(b);
        });
    }

    @FunctionalInterface
    private interface Change {
        Uni<PersonalDataBreach> apply(Incident incident, PersonalDataBreach existing);
    }

    /**
     * One change on the locked incident and its breach record: 404 for an unknown incident, 403 unless the caller is
     * the incident's commander or holds a privileged token role.
     */
    private Uni<PersonalDataBreach> change(UUID incidentId, Actor caller, boolean privileged, Change change) {
        return outbox.transaction(() -> incidents.locked(incidentId).chain(incident -> roles.forIncident(incidentId)
                .chain(holders -> {
                    boolean commander = holders.stream()
                            .anyMatch(h -> h.role == IncidentRole.COMMANDER && h.personId.equals(caller.id()));
                    if (!commander && !privileged) {
                        throw new ProblemException(403, "Only the incident's commander, an "
                                + "incident-commander or an admin may mark a personal-data breach and record its decision");
                    }
                    return breaches.findById(incidentId).chain(existing -> change.apply(incident, existing));
                })));
    }

    private Uni<Incident> record(Incident incident, Instant at, String kind, Actor caller, String detail, EventData event) {
        return incidents.record(incident, at, kind, caller, detail, event);
    }

    private static PersonalDataBreachMarked marked(Incident incident, PersonalDataBreach b, Actor caller) {
        return new PersonalDataBreachMarked(incident.service, priority(incident), incident.summary, b.awareAt, b.deadline,
                PersonalDataBreachMarked.Source.valueOf(b.source.name()), b.ruleName, b.note, caller);
    }

    private static void clearUnmark(PersonalDataBreach b) {
        b.unmarkedAt = null;
        b.unmarkReason = null;
        b.unmarkedBy = null;
        b.unmarkedById = null;
    }

    private static void clearDecision(PersonalDataBreach b) {
        b.decidedAt = null;
        b.decisionUpdatedAt = null;
        b.notifyAuthority = null;
        b.authorityNotifiedAt = null;
        b.authority = null;
        b.reference = null;
        b.reasoning = null;
        b.dataSubjectsInformed = null;
        b.dataSubjectsInformedAt = null;
        b.decidedBy = null;
        b.decidedById = null;
    }

    /** The database keeps microseconds: what is stored, published and read back is the same instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Priority priority(Incident incident) {
        return Priority.valueOf(incident.priority);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
