package io.tocsin.incident.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.incident.Incident;
import io.tocsin.incident.TimelineEntry;
import io.tocsin.incident.config.ResponseTargetsConfig;
import io.tocsin.incident.repository.IncidentRepository;
import io.tocsin.incident.repository.TimelineRepository;
import io.tocsin.intake.NormalizedAlert;
import io.tocsin.intake.service.Classifier;
import io.tocsin.integration.Integration;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The incident lifecycle. Every change writes the incident, its timeline entry and its event in one transaction
 * (through {@link Outbox}); callers run these methods inside {@link Outbox#transaction}.
 */
@ApplicationScoped
public class IncidentService {

    /** What an alert did: opened an incident, was appended to an open one, resolved one, or found nothing to resolve. */
    public enum Outcome { TRIGGERED, APPENDED, RESOLVED, IGNORED }

    public record AlertResult(Outcome outcome, UUID incidentId, String dedupKey) {
    }

    private final IncidentRepository incidents;
    private final TimelineRepository timeline;
    private final Outbox outbox;
    private final ResponseTargetsConfig targets;
    private final ObjectMapper mapper;

    public IncidentService(IncidentRepository incidents, TimelineRepository timeline, Outbox outbox,
                           ResponseTargetsConfig targets, ObjectMapper mapper) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.outbox = outbox;
        this.targets = targets;
        this.mapper = mapper;
    }

    /** Applies one normalized alert from {@code integration}: deduplicate, classify, open or resolve. */
    public Uni<AlertResult> apply(Integration integration, NormalizedAlert alert) {
        Actor actor = new Actor(Actor.Kind.INTEGRATION, integration.id.toString(), integration.name, null);
        Instant now = Instant.now();
        return alert.resolved() ? resolve(integration, alert, actor, now) : trigger(integration, alert, actor, now);
    }

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

    private Uni<AlertResult> trigger(Integration integration, NormalizedAlert alert, Actor actor, Instant now) {
        Priority priority = Classifier.byDefault(alert.severity());
        Incident candidate = new Incident();
        candidate.id = UUID.randomUUID();
        candidate.integrationId = integration.id;
        candidate.dedupKey = alert.dedupKey();
        candidate.service = alert.service() != null ? alert.service() : integration.service;
        candidate.priority = priority.name();
        candidate.severity = alert.severity();
        candidate.summary = alert.summary();
        candidate.source = alert.source();
        candidate.links = toJson(alert.links());
        candidate.respondBy = now.plus(targets.of(priority));
        candidate.createdAt = now;
        return incidents.openOrAppend(candidate).chain(upsert -> {
            if (!upsert.opened()) {
                return timeline.persist(TimelineEntry.of(upsert.incidentId(), now, "alert-appended", label(actor),
                                alert.summary()))
                        .replaceWith(new AlertResult(Outcome.APPENDED, upsert.incidentId(), alert.dedupKey()));
            }
            IncidentTriggered event = new IncidentTriggered(candidate.service, priority, candidate.severity,
                    candidate.summary, candidate.source, candidate.dedupKey, candidate.respondBy, alert.links(), actor);
            return timeline.persist(TimelineEntry.of(candidate.id, now, "triggered", label(actor),
                            priority + " " + candidate.summary))
                    .chain(() -> outbox.append(Envelope.of(event, candidate.id, now)))
                    .replaceWith(new AlertResult(Outcome.TRIGGERED, candidate.id, alert.dedupKey()));
        });
    }

    private Uni<AlertResult> resolve(Integration integration, NormalizedAlert alert, Actor actor, Instant now) {
        return incidents.findOpen(integration.id, alert.dedupKey()).chain(incident -> {
            if (incident == null) {
                return Uni.createFrom().item(new AlertResult(Outcome.IGNORED, null, alert.dedupKey()));
            }
            incident.status = Incident.Status.RESOLVED;
            incident.resolvedAt = now;
            IncidentResolved event = new IncidentResolved(incident.service, Priority.valueOf(incident.priority),
                    incident.summary, incident.createdAt, incident.acknowledgedAt, actor);
            return timeline.persist(TimelineEntry.of(incident.id, now, "resolved", label(actor), alert.summary()))
                    .chain(() -> outbox.append(Envelope.of(event, incident.id, now)))
                    .replaceWith(new AlertResult(Outcome.RESOLVED, incident.id, alert.dedupKey()));
        });
    }

    private static String label(Actor actor) {
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
