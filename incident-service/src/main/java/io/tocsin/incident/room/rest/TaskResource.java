package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Actor;
import io.tocsin.incident.room.model.Task;
import io.tocsin.incident.room.service.TaskService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The room's tasks: anyone working the incident adds them, takes them and marks them done. */
@Path("/api/v1/incidents/{id}/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class TaskResource {

    public record TaskRequest(@NotBlank @Size(max = 500) String title, @Valid RoleResource.PersonRequest owner) {
    }

    /** The whole task: PUT it again and nothing changes. */
    public record TaskUpdate(@NotBlank @Size(max = 500) String title, @Valid RoleResource.PersonRequest owner,
                             @NotNull @Pattern(regexp = "open|done", message = "must be open or done") String status) {
    }

    public record TaskView(UUID id, UUID incidentId, String title, RoleResource.PersonRequest owner, String status,
                           Instant createdAt, String createdBy, Instant updatedAt) {
        static TaskView of(Task t) {
            return new TaskView(t.id, t.incidentId, t.title, t.ownerId == null ? null
                    : new RoleResource.PersonRequest(t.ownerId, t.ownerName, t.ownerEmail),
                    t.status.name().toLowerCase(Locale.ROOT), t.createdAt, t.createdBy, t.updatedAt);
        }
    }

    private final TaskService tasks;
    private final CurrentActor actor;

    public TaskResource(TaskService tasks, CurrentActor actor) {
        this.tasks = tasks;
        this.actor = actor;
    }

    /** {@code status}: open (default) or all. */
    @GET
    public Uni<List<TaskView>> list(@PathParam("id") UUID id, @QueryParam("status") String status) {
        String which = status == null ? "open" : status;
        if (!which.equals("open") && !which.equals("all")) {
            throw new ProblemException(400, "status must be open or all", List.of());
        }
        return tasks.list(id, which.equals("all")).map(list -> list.stream().map(TaskView::of).toList());
    }

    @POST
    @ResponseStatus(201)
    public Uni<TaskView> create(@PathParam("id") UUID id, @NotNull @Valid TaskRequest request) {
        Actor caller = actor.actor();
        return tasks.create(id, request.title(), owner(request.owner(), caller), caller).map(TaskView::of);
    }

    @PUT
    @Path("/{taskId}")
    public Uni<TaskView> update(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId,
                                @NotNull @Valid TaskUpdate request) {
        Actor caller = actor.actor();
        return tasks.update(id, taskId, request.title(), owner(request.owner(), caller),
                Task.Status.valueOf(request.status().toUpperCase(Locale.ROOT)), caller).map(TaskView::of);
    }

    private static Actor owner(RoleResource.PersonRequest owner, Actor caller) {
        if (owner == null) {
            return null;
        }
        return owner.id().equals(caller.id()) ? caller : new Actor(Actor.Kind.USER, owner.id(), owner.name(), owner.email());
    }
}
