package io.tocsin.incident.room.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.Priority;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.TimelineEntry;
import io.tocsin.incident.lifecycle.repository.TimelineRepository;
import io.tocsin.incident.lifecycle.service.IncidentService;
import io.tocsin.incident.room.config.RoomConfig;
import io.tocsin.incident.room.model.RoleHolder;
import io.tocsin.incident.room.model.Task;
import io.tocsin.incident.room.repository.RoleRepository;
import io.tocsin.incident.room.repository.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The room as a whole: what its page shows, and the bridge its commander sets. */
@ApplicationScoped
public class RoomService {

    /** Everything the room page shows, read in one session; {@code timeline} newest first. */
    public record Snapshot(Incident incident, List<RoleHolder> roles, List<Task> openTasks, List<TimelineEntry> timeline) {
    }

    private final IncidentService incidents;
    private final RoleRepository roles;
    private final TaskRepository tasks;
    private final TimelineRepository timeline;
    private final Outbox outbox;
    private final RoomConfig config;

    public RoomService(IncidentService incidents, RoleRepository roles, TaskRepository tasks, TimelineRepository timeline,
                       Outbox outbox, RoomConfig config) {
        this.incidents = incidents;
        this.roles = roles;
        this.tasks = tasks;
        this.timeline = timeline;
        this.outbox = outbox;
        this.config = config;
    }

    @WithSession
    public Uni<Snapshot> snapshot(UUID incidentId) {
        return incidents.get(incidentId).chain(incident -> roles.forIncident(incidentId)
                .chain(holders -> tasks.forIncident(incidentId, true)
                        .chain(open -> timeline.latest(incidentId, config.pageEntries())
                                .map(entries -> new Snapshot(incident, holders, open, entries)))));
    }

    /**
     * Sets the bridge ({@code url} null removes it): the incident's commander may, and the incident-commander and
     * admin token roles. Setting the same URL again changes nothing.
     */
    public Uni<Incident> setBridge(UUID incidentId, String url, Actor caller, boolean privileged) {
        return outbox.transaction(() -> incidents.locked(incidentId).chain(incident -> roles.forIncident(incidentId)
                .chain(holders -> {
                    boolean commander = holders.stream()
                            .anyMatch(h -> h.role == IncidentRole.COMMANDER && h.personId.equals(caller.id()));
                    if (!commander && !privileged) {
                        throw new ProblemException(403,
                                "Only the incident's commander, an incident-commander or an admin may set the bridge");
                    }
                    if (Objects.equals(incident.bridgeUrl, url)) {
                        return Uni.createFrom().item(incident);
                    }
                    incident.bridgeUrl = url;
                    return incidents.record(incident, Instant.now(), url == null ? "bridge-removed" : "bridge-set", caller,
                            url == null ? "Bridge removed" : "Bridge: " + url,
                            new IncidentBridgeChanged(incident.service, Priority.valueOf(incident.priority),
                                    incident.summary, url, caller));
                })));
    }
}
