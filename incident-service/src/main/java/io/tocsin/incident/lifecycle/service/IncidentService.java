package io.tocsin.incident.lifecycle.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.config.ResponseTargets;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.IncidentPermissions;
import io.tocsin.events.Actor;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventData;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentPhaseChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.Phase;
import io.tocsin.events.Priority;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.IncidentFilter;
import io.tocsin.incident.lifecycle.model.IncidentPage;
import io.tocsin.incident.lifecycle.model.TimelineChain;
import io.tocsin.incident.lifecycle.model.TimelineEntry;
import io.tocsin.incident.lifecycle.repository.IncidentRepository;
import io.tocsin.incident.lifecycle.repository.TimelineRepository;
import io.tocsin.incident.shared.config.IncidentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The incident lifecycle: triggered → acknowledged → resolved (→ reopened), with assignee, phase, snooze, notes
 * and priority. Every change writes the incident, a timeline entry and its event in ONE transaction (through
 * {@link Outbox}); repeating an action that is already done changes nothing and is not an error.
 */
@ApplicationScoped
public class IncidentService {

    /**
     * A new incident's facts, after classification: the deciding rule, if any, and whether it marks the incident a
     * personal-data breach.
     */
    public record NewIncident(UUID integrationId, String dedupKey, String service, Priority priority, String severity,
                              String summary, String source, List<Link> links, UUID ruleId, String ruleName,
                              boolean personalDataBreach) {
    }

    /** Whether an alert opened a new incident or was counted on the open one. */
    public record Opened(UUID incidentId, boolean isNew) {
    }

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final Outbox outbox;
    private final IncidentConfig config;
    private final ResponseTargets targets;
    private final ObjectMapper mapper;
    private final BreachMarking breachMarking;

    public IncidentService(IncidentRepository incidents, TimelineRepository timeline, Outbox outbox,
                           IncidentConfig config, ResponseTargets targets, ObjectMapper mapper,
                           BreachMarking breachMarking) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.outbox = outbox;
        this.config = config;
        this.targets = targets;
        this.mapper = mapper;
        this.breachMarking = breachMarking;
    }

    // ---- reading -------------------------------------------------------------------------------------------

    @WithSession
    public Uni<Incident> get(UUID id) {
        return incidents.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + id));
    }

    @WithSession
    public Uni<List<TimelineEntry>> timeline(UUID id) {
        return incidents.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + id))
                .chain(incident -> timeline.forIncident(id));
    }

    /** Checks the incident's hash chain against itself and against the head on the incident row. */
    @WithSession
    public Uni<TimelineChain.Verification> verifyTimeline(UUID id) {
        return get(id).chain(incident -> timeline.forIncident(id).map(entries -> TimelineChain.verify(id,
                entries.stream().map(e -> new TimelineChain.Link(e.seq, e.at, e.kind, e.actor, e.detail, e.previousHash,
                        e.contentHash, e.hash, e.redactedAt != null)).toList(), incident.timelineSeq,
                incident.timelineHead)));
    }

    @WithSession
    public Uni<IncidentPage> list(IncidentFilter filter) {
        return incidents.list(filter);
    }

    // ---- opening (inside the caller's Outbox.transaction) ---------------------------------------------------

    /**
     * Opens an incident, or counts the alert on the open incident with the same (integration, dedup key).
     * Must run inside {@link Outbox#transaction}. Every alert of a storm comes through here, so it is a handful of
     * prepared statements, with no entity loaded: the upsert, and (when there is news) one timeline line, one
     * outbox row.
     */
    public Uni<Opened> open(NewIncident facts, Actor actor) {
        Instant now = Instant.now();
        Incident candidate = new Incident();
        candidate.id = UUID.randomUUID();
        candidate.integrationId = facts.integrationId();
        candidate.dedupKey = facts.dedupKey() != null ? facts.dedupKey() : candidate.id.toString();
        candidate.service = facts.service();
        candidate.priority = facts.priority().name();
        candidate.severity = facts.severity();
        candidate.summary = facts.summary();
        candidate.source = facts.source();
        candidate.links = toJson(facts.links());
        candidate.respondBy = now.plus(targets.of(facts.priority()));
        candidate.createdAt = now;
        candidate.ruleId = facts.ruleId();
        // A new incident's first timeline entry is chained before the upsert, so the row is written with its head.
        TimelineEntry first = line(candidate.id, now, "triggered", actor, facts.priority() + " " + candidate.summary, null);
        TimelineRepository.Head head = TimelineRepository.chain(new TimelineRepository.Head(0, null), first);
        return incidents.openOrAppend(candidate, head.hash()).chain(upsert -> upsert.opened()
                ? announceNew(candidate, first, facts, actor, now)
                : countAlert(upsert, facts.summary(), actor, now));
    }

    private Uni<Opened> announceNew(Incident incident, TimelineEntry first, NewIncident facts, Actor actor, Instant now) {
        IncidentTriggered event = new IncidentTriggered(incident.service, facts.priority(), incident.severity,
                incident.summary, incident.source, incident.dedupKey, incident.respondBy, facts.links(), actor);
        return timeline.append(new TimelineRepository.Head(0, null), first)
                .call(() -> outbox.append(Envelope.of(event, incident.id, now)))
                .call(head -> facts.personalDataBreach() ? breachMarking.markedByRule(incident, head, facts, actor, now)
                        : Uni.createFrom().voidItem())
                .replaceWith(new Opened(incident.id, true));
    }

    /** Counts a repeated alert; tells the world at most once per {@code alert-appended-interval} per incident. */
    private Uni<Opened> countAlert(IncidentRepository.Upsert upsert, String summary, Actor actor, Instant now) {
        boolean announce = upsert.lastEventAt() == null
                || !upsert.lastEventAt().plus(config.alertAppendedInterval()).isAfter(now);
        Opened opened = new Opened(upsert.incidentId(), false);
        if (!announce) {
            return Uni.createFrom().item(opened);
        }
        Priority priority = Priority.valueOf(upsert.priority());
        AlertAppended event = new AlertAppended(upsert.service(), priority, summary, upsert.alertCount(),
                upsert.lastSeenAt(), actor);
        return timeline.append(upsert.head(), line(upsert.incidentId(), now, "alerts-appended", actor,
                        upsert.alertCount() + " alerts so far; latest: " + summary, null))
                .chain(head -> incidents.announced(upsert.incidentId(), now, head))
                .chain(() -> outbox.append(Envelope.of(event, upsert.incidentId(), now)))
                .replaceWith(opened);
    }

    /**
     * The id of the open incident of (integration, dedup key), locked, or null; inside the caller's transaction. No
     * entity is loaded, so a later lifecycle step in the same transaction reads the row as the prepared statements
     * left it.
     */
    public Uni<UUID> openId(UUID integrationId, String dedupKey) {
        return incidents.openId(integrationId, dedupKey);
    }

    /** A timeline entry without an event, on an incident held as a locked entity; inside the caller's transaction. */
    public Uni<Void> note(Incident incident, Actor actor, String kind, String detail) {
        return timeline.append(incident, line(incident.id, Instant.now(), kind, actor, detail, null)).replaceWithVoid();
    }

    /**
     * A timeline entry without an event (e.g. "the sender truncated the group") on an incident intake holds by id
     * only (prepared statements, no entity); inside the caller's transaction.
     */
    public Uni<Void> note(UUID incidentId, Actor actor, String kind, String detail) {
        TimelineEntry entry = line(incidentId, Instant.now(), kind, actor, detail, null);
        return incidents.lockedHead(incidentId)
                .chain(head -> timeline.append(head, entry))
                .chain(head -> incidents.moveHead(incidentId, head));
    }

    /**
     * A timeline line with no event of its own, after {@code head} of an incident held by id only (prepared
     * statements, no entity), moving the incident's head on; inside the caller's transaction.
     */
    public Uni<Void> append(UUID incidentId, TimelineRepository.Head head, Instant at, String kind, Actor actor,
                            String detail) {
        return timeline.append(head, line(incidentId, at, kind, actor, detail, null))
                .chain(next -> incidents.moveHead(incidentId, next));
    }

    /** Resolves the open incident of (integration, dedup key) if there is one; inside the caller's transaction. */
    public Uni<Incident> resolveByDedupKey(UUID integrationId, String dedupKey, Actor actor, String why) {
        return incidents.findOpen(integrationId, dedupKey).chain(incident -> incident == null
                ? Uni.createFrom().nullItem()
                : resolveLocked(incident, actor, why));
    }

    /** Acknowledges the open incident of (integration, dedup key) if there is one; inside the caller's transaction. */
    public Uni<Incident> acknowledgeByDedupKey(UUID integrationId, String dedupKey, Actor actor) {
        return incidents.findOpen(integrationId, dedupKey).chain(incident -> incident == null
                ? Uni.createFrom().nullItem()
                : acknowledgeLocked(incident, actor));
    }

    // ---- lifecycle actions (each its own transaction) ------------------------------------------------------

    public Uni<Incident> acknowledge(UUID id, Actor actor) {
        return change(id, incident -> acknowledgeLocked(incident, actor));
    }

    public Uni<Incident> resolve(UUID id, Actor actor, String note) {
        return change(id, incident -> incident.status == Incident.Status.RESOLVED
                ? Uni.createFrom().item(incident)
                : resolveLocked(incident, actor, note));
    }

    public Uni<Incident> reopen(UUID id, Actor actor, String reason) {
        return change(id, incident -> {
            if (incident.isOpen()) {
                return Uni.createFrom().item(incident);
            }
            Instant now = Instant.now();
            return incidents.anotherOpen(incident).chain(other -> {
                if (other) {
                    throw new ProblemException(409,
                            "Another incident with the same dedup key is open; work on that one");
                }
                incident.status = Incident.Status.TRIGGERED;
                incident.resolvedAt = null;
                incident.acknowledgedAt = null;
                incident.snoozedUntil = null;
                incident.respondBy = now.plus(targets.of(priority(incident)));
                return record(incident, now, "reopened", actor, reason,
                        new IncidentReopened(incident.service, priority(incident), incident.summary,
                                incident.respondBy, actor));
            });
        });
    }

    /** Snoozes the next escalation level; only the assignee or a commander may ({@link IncidentPermissions}). */
    public Uni<Incident> snooze(UUID id, Duration duration, Actor actor, IncidentPermissions.Caller caller) {
        return change(id, incident -> {
            if (!IncidentPermissions.maySnooze(caller, incident.id, incident.assigneeId)) {
                throw new ProblemException(403,
                        "Only the incident's assignee or an incident commander may snooze it; take it first");
            }
            requireOpen(incident, "snoozed");
            Instant now = Instant.now();
            incident.snoozedUntil = now.plus(duration);
            return record(incident, now, "snoozed", actor, "until " + incident.snoozedUntil,
                    new IncidentSnoozed(incident.service, priority(incident), incident.summary, incident.snoozedUntil,
                            actor));
        });
    }

    public Uni<Incident> addNote(UUID id, String note, Actor actor) {
        return change(id, incident -> record(incident, Instant.now(), "note", actor, note,
                new IncidentNoteAdded(incident.service, priority(incident), incident.summary, note, actor)));
    }

    public Uni<Incident> changePriority(UUID id, Priority priority, String reason, Actor actor) {
        return change(id, incident -> {
            Priority previous = priority(incident);
            if (previous == priority) {
                return Uni.createFrom().item(incident);
            }
            requireOpen(incident, "re-prioritized");
            Instant now = Instant.now();
            incident.priority = priority.name();
            // The response target is measured from the incident's start, as it always was.
            incident.respondBy = incident.createdAt.plus(targets.of(priority));
            return record(incident, now, "priority-changed", actor, previous + " → " + priority + ": " + reason,
                    new IncidentPriorityChanged(incident.service, previous, priority, incident.summary,
                            incident.respondBy, reason, actor));
        });
    }

    public Uni<Incident> changePhase(UUID id, Phase phase, Actor actor) {
        return change(id, incident -> {
            Phase previous = incident.phase;
            if (previous == phase) {
                return Uni.createFrom().item(incident);
            }
            incident.phase = phase;
            return record(incident, Instant.now(), "phase-changed", actor, previous + " → " + phase,
                    new IncidentPhaseChanged(incident.service, priority(incident), incident.summary, previous, phase,
                            actor));
        });
    }

    public Uni<Incident> assign(UUID id, Actor assignee, Actor actor) {
        return change(id, incident -> {
            if (assignee.id().equals(incident.assigneeId)) {
                return Uni.createFrom().item(incident);
            }
            requireOpen(incident, "assigned");
            setAssignee(incident, assignee);
            return record(incident, Instant.now(), "assigned", actor, "to " + display(assignee), assignee.id(),
                    new IncidentAssigned(incident.service, priority(incident), incident.summary, assignee, actor));
        });
    }

    /** Opens an incident by hand (no integration). */
    public Uni<Incident> create(String service, Priority priority, String summary, List<Link> links, Actor actor) {
        String severity = switch (priority) {
            case P1 -> "critical";
            case P2 -> "error";
            case P3 -> "warning";
            case P4 -> "info";
        };
        NewIncident facts = new NewIncident(null, null, service, priority, severity, summary, null, links, null, null,
                false);
        return outbox.transaction(() -> open(facts, actor)).chain(opened -> get(opened.incidentId()));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Uni<Incident> acknowledgeLocked(Incident incident, Actor actor) {
        if (incident.status == Incident.Status.ACKNOWLEDGED) {
            return Uni.createFrom().item(incident);
        }
        if (incident.status == Incident.Status.RESOLVED) {
            throw new ProblemException(409, "The incident is already resolved");
        }
        Instant now = Instant.now();
        incident.status = Incident.Status.ACKNOWLEDGED;
        incident.acknowledgedAt = now;
        incident.snoozedUntil = null;
        if (incident.assigneeId == null && actor.kind() == Actor.Kind.USER) {
            setAssignee(incident, actor);
        }
        Actor assignee = incident.assigneeId == null ? null
                : new Actor(Actor.Kind.USER, incident.assigneeId, incident.assigneeName, incident.assigneeEmail);
        return record(incident, now, "acknowledged", actor, null,
                new IncidentAcknowledged(incident.service, priority(incident), incident.summary, assignee, actor));
    }

    private Uni<Incident> resolveLocked(Incident incident, Actor actor, String why) {
        Instant now = Instant.now();
        incident.status = Incident.Status.RESOLVED;
        incident.resolvedAt = now;
        incident.snoozedUntil = null;
        return record(incident, now, "resolved", actor, why,
                new IncidentResolved(incident.service, priority(incident), incident.summary, incident.createdAt,
                        incident.acknowledgedAt, actor));
    }

    /** The incident, locked until the caller's {@link Outbox#transaction} ends; 404 when there is none. */
    public Uni<Incident> locked(UUID id) {
        return incidents.findForUpdate(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + id));
    }

    /** One lifecycle transaction on a locked incident. */
    private Uni<Incident> change(UUID id, java.util.function.Function<Incident, Uni<Incident>> action) {
        return outbox.transaction(() -> locked(id).chain(incident -> action.apply(incident)));
    }

    /**
     * Writes a change of a locked incident: its timeline entry and its event, in the caller's
     * {@link Outbox#transaction}.
     */
    public Uni<Incident> record(Incident incident, Instant at, String kind, Actor actor, String detail, EventData event) {
        return record(incident, at, kind, actor, detail, null, event);
    }

    /** {@code subjectId}: the person the line is about besides the actor (an erasure replaces their name). */
    private Uni<Incident> record(Incident incident, Instant at, String kind, Actor actor, String detail,
                                 String subjectId, EventData event) {
        incident.version++;
        return timeline.append(incident, line(incident.id, at, kind, actor, detail, subjectId))
                .chain(() -> outbox.append(Envelope.of(event, incident.id, at)))
                .replaceWith(incident);
    }

    /** A timeline line; people are named by id too ({@code actorId}, {@code subjectId}), so an erasure finds them. */
    private static TimelineEntry line(UUID incidentId, Instant at, String kind, Actor actor, String detail,
                                      String subjectId) {
        TimelineEntry entry = TimelineEntry.of(incidentId, at, kind, display(actor), detail);
        entry.actorId = actor.kind() == Actor.Kind.USER ? actor.id() : null;
        entry.subjectId = subjectId;
        return entry;
    }

    private static void requireOpen(Incident incident, String what) {
        if (!incident.isOpen()) {
            throw new ProblemException(409, "A resolved incident cannot be " + what);
        }
    }

    private static void setAssignee(Incident incident, Actor person) {
        incident.assigneeId = person.id();
        incident.assigneeName = person.name();
        incident.assigneeEmail = person.email();
    }

    private static Priority priority(Incident incident) {
        return Priority.valueOf(incident.priority);
    }

    /** How an actor appears in the timeline, e.g. "user:Alice" or "integration:Alertmanager". */
    public static String display(Actor actor) {
        return actor.kind().name().toLowerCase() + ":" + (actor.name() != null ? actor.name() : actor.id());
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
