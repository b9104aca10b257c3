package io.tocsin.incident.room.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Actor;
import io.tocsin.incident.lifecycle.service.IncidentService;
import io.tocsin.incident.room.model.Task;
import io.tocsin.incident.room.repository.TaskRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The room's tasks. Each change is a timeline entry of the locked incident (who and when); tasks are the room's
 * working list and stay inside incident-service, so they publish no event.
 */
@ApplicationScoped
public class TaskService {

    private final IncidentService incidents;
    private final TaskRepository tasks;
    private final Outbox outbox;

    public TaskService(IncidentService incidents, TaskRepository tasks, Outbox outbox) {
        this.incidents = incidents;
        this.tasks = tasks;
        this.outbox = outbox;
    }

    /** The incident's tasks (open ones only unless {@code all}); 404 for an unknown incident. */
    @WithSession
    public Uni<List<Task>> list(UUID incidentId, boolean all) {
        return incidents.get(incidentId).chain(incident -> tasks.forIncident(incidentId, !all));
    }

    public Uni<Task> create(UUID incidentId, String title, Actor owner, Actor caller) {
        return outbox.transaction(() -> incidents.locked(incidentId).chain(incident -> {
            Instant now = Instant.now();
            Task task = new Task();
            task.id = UUID.randomUUID();
            task.incidentId = incidentId;
            task.title = title.strip();
            setOwner(task, owner);
            task.status = Task.Status.OPEN;
            task.createdAt = now;
            task.createdBy = IncidentService.display(caller);
            task.updatedAt = now;
            return tasks.persist(task)
                    .chain(() -> incidents.note(incident, caller, "task-added", describe(task)))
                    .replaceWith(task);
        }));
    }

    /**
     * Sets a task's title, owner (null: nobody) and status. Idempotent: a request that changes nothing writes
     * nothing.
     */
    public Uni<Task> update(UUID incidentId, UUID taskId, String title, Actor owner, Task.Status status, Actor caller) {
        return outbox.transaction(() -> incidents.locked(incidentId).chain(incident -> tasks.findById(taskId)
                .map(t -> t != null && t.incidentId.equals(incidentId) ? t : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Task " + taskId))
                .chain(task -> {
                    List<String> changes = new ArrayList<>();
                    if (!task.title.equals(title.strip())) {
                        changes.add("renamed from \"" + task.title + "\"");
                        task.title = title.strip();
                    }
                    String ownerId = owner == null ? null : owner.id();
                    if (!Objects.equals(task.ownerId, ownerId)) {
                        changes.add(owner == null ? "owner removed" : "owner " + RoleService.label(owner));
                        setOwner(task, owner);
                    }
                    if (task.status != status) {
                        changes.add(status == Task.Status.DONE ? "done" : "reopened");
                        task.status = status;
                    }
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(task);
                    }
                    task.updatedAt = Instant.now();
                    String kind = status == Task.Status.DONE && changes.contains("done") ? "task-done" : "task-updated";
                    return incidents.note(incident, caller, kind, task.title + ": " + String.join(", ", changes))
                            .replaceWith(task);
                })));
    }

    private static void setOwner(Task task, Actor owner) {
        task.ownerId = owner == null ? null : owner.id();
        task.ownerName = owner == null ? null : owner.name();
        task.ownerEmail = owner == null ? null : owner.email();
    }

    private static String describe(Task task) {
        return task.title + (task.ownerId == null ? "" : " (owner: "
                + (task.ownerName != null ? task.ownerName : task.ownerId) + ")");
    }
}
