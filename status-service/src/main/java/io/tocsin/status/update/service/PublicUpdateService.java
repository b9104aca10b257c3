package io.tocsin.status.update.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.IncidentPermissions;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.model.TimelineKind;
import io.tocsin.status.timeline.repository.IncidentRecordRepository;
import io.tocsin.status.timeline.repository.RoleHolderRepository;
import io.tocsin.status.timeline.service.TimelineEntries;
import io.tocsin.status.timeline.service.TimelineService;
import io.tocsin.status.update.model.PublicUpdate;
import io.tocsin.status.update.repository.PublicUpdateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Public updates: stored, added to the internal timeline and published as PublicUpdatePosted in one transaction.
 */
@ApplicationScoped
public class PublicUpdateService {

    private final PublicUpdateRepository updates;
    private final IncidentRecordRepository incidents;
    private final RoleHolderRepository roleHolders;
    private final TimelineService timeline;
    private final Outbox outbox;

    public PublicUpdateService(PublicUpdateRepository updates, IncidentRecordRepository incidents,
                               RoleHolderRepository roleHolders, TimelineService timeline, Outbox outbox) {
        this.updates = updates;
        this.incidents = incidents;
        this.roleHolders = roleHolders;
        this.timeline = timeline;
        this.outbox = outbox;
    }

    /**
     * Posts an update on a known incident (404 otherwise) if {@code caller} may speak for it (403 otherwise). The
     * first update's title (or a neutral one naming no internal detail) becomes the incident's public title; a later
     * title replaces it.
     */
    public Uni<PublicUpdate> post(UUID incidentId, String status, String message, String title,
                                  IncidentPermissions.Caller caller, Actor actor) {
        return mayPost(incidentId, caller).chain(allowed -> {
            if (!allowed) {
                return Uni.createFrom().failure(new ProblemException(403, "Public updates on an incident are posted "
                        + "by its commander or communications lead, an incident commander or communications"));
            }
            return record(incidentId, status, message, title, actor);
        });
    }

    /**
     * Who may speak for an incident in public (and so to its stakeholders): whom the token roles allow
     * ({@link IncidentPermissions}), or the incident's own commander or communications lead (docs/war-room.md).
     */
    private Uni<Boolean> mayPost(UUID incidentId, IncidentPermissions.Caller caller) {
        if (IncidentPermissions.mayPostPublicUpdate(caller, incidentId)) {
            return Uni.createFrom().item(true);
        }
        return roleHolders.leadsCommunication(incidentId, caller.id());
    }

    private Uni<PublicUpdate> record(UUID incidentId, String status, String message, String title, Actor actor) {
        return outbox.transaction(() -> incidents.findById(incidentId)
                .map(r -> r != null && r.service != null ? r : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Incident " + incidentId))
                .chain(record -> {
                    Instant now = Instant.now();
                    PublicUpdate update = new PublicUpdate();
                    update.id = UUID.randomUUID();
                    update.incidentId = incidentId;
                    update.status = status;
                    update.message = message.strip();
                    update.actor = actor.id();
                    update.postedAt = now;
                    if (title != null && !title.isBlank()) {
                        record.publicTitle = title.strip();
                    } else if (record.publicTitle == null) {
                        record.publicTitle = "Service disruption";
                    }
                    Envelope<PublicUpdatePosted> event = Envelope.of(new PublicUpdatePosted(update.id.toString(),
                            List.of(record.service), status, update.message, actor), incidentId, now);
                    TimelineEntry line = new TimelineEntry();
                    line.eventId = event.eventId();
                    line.incidentId = incidentId;
                    line.at = now;
                    line.kind = TimelineKind.PUBLIC_UPDATE;
                    line.actor = TimelineEntries.label(actor);
                    // Like every line naming a person: an erasure (PersonErased) must find this one too.
                    line.names(actor.id(), line.actor);
                    line.detail = "Public update (" + status + "): " + update.message;
                    // The title is written before the timeline folds the incident's row afresh.
                    return updates.persist(update)
                            .chain(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> timeline.record(line))
                            .chain(() -> outbox.append(event))
                            .replaceWith(update);
                }));
    }

    @WithSession
    public Uni<List<PublicUpdate>> forIncident(UUID incidentId) {
        return updates.forIncident(incidentId);
    }
}
