package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Actor;
import io.tocsin.events.IncidentRole;
import io.tocsin.incident.room.model.RoleHolder;
import io.tocsin.incident.room.service.RoleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/**
 * The roles of an incident's response, from a phone: assign (an empty body takes the role yourself), hand over and
 * release, each idempotent and answered with who holds which role afterwards. Who may do what: {@code RoleRules}.
 */
@Path("/api/v1/incidents/{id}/roles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class RoleResource {

    /** A person: their OIDC subject, and how to show and reach them. */
    public record PersonRequest(@NotBlank @Size(max = 255) String id, @Size(max = 255) String name,
                                @Size(max = 320) String email) {
    }

    /** {@code from}: who gives the role up (default: the caller), so a retried hand-over takes it from nobody else. */
    public record HandOverRequest(@NotNull @Valid PersonRequest to, @Size(max = 255) String from) {
    }

    /** {@code id}: who gives the role up (default: the caller). */
    public record ReleaseRequest(@Size(max = 255) String id) {
    }

    private final RoleService roles;
    private final CurrentActor actor;

    public RoleResource(RoleService roles, CurrentActor actor) {
        this.roles = roles;
        this.actor = actor;
    }

    @GET
    public Uni<RoleViews.RolesView> list(@PathParam("id") UUID id) {
        return roles.roles(id).map(holders -> RoleViews.RolesView.of(id, holders));
    }

    @POST
    @Path("/{role}/assign")
    public Uni<RoleViews.RolesView> assign(@PathParam("id") UUID id, @PathParam("role") String role,
                                           @Valid PersonRequest person) {
        IncidentRole which = RoleViews.role(role);
        Actor caller = actor.actor();
        return view(id, roles.assign(id, which, person(person, caller), caller, privileged()));
    }

    @POST
    @Path("/{role}/hand-over")
    public Uni<RoleViews.RolesView> handOver(@PathParam("id") UUID id, @PathParam("role") String role,
                                             @NotNull @Valid HandOverRequest request) {
        IncidentRole which = RoleViews.role(role);
        Actor caller = actor.actor();
        return view(id, roles.handOver(id, which, request.from(), person(request.to(), caller), caller, privileged()));
    }

    @POST
    @Path("/{role}/release")
    public Uni<RoleViews.RolesView> release(@PathParam("id") UUID id, @PathParam("role") String role,
                                            @Valid ReleaseRequest request) {
        IncidentRole which = RoleViews.role(role);
        Actor caller = actor.actor();
        String personId = request == null || request.id() == null ? caller.id() : request.id();
        return view(id, roles.release(id, which, personId, caller, privileged()));
    }

    private boolean privileged() {
        return actor.hasRole(Roles.INCIDENT_COMMANDER) || actor.hasRole(Roles.ADMIN);
    }

    /** The named person; the caller themselves (with their token's name and email) when the body is empty or names them. */
    private static Actor person(PersonRequest request, Actor caller) {
        if (request == null || request.id().equals(caller.id())) {
            return caller;
        }
        return new Actor(Actor.Kind.USER, request.id(), request.name(), request.email());
    }

    private static Uni<RoleViews.RolesView> view(UUID id, Uni<List<RoleHolder>> holders) {
        return holders.map(list -> RoleViews.RolesView.of(id, list));
    }
}
