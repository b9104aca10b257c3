package io.tocsin.status.component.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.component.model.Component;
import io.tocsin.status.component.model.ComponentStatus;
import io.tocsin.status.component.service.ComponentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Components of the status page: admins configure them, incident commanders override their status. */
@Path("/api/v1/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ComponentResource {

    public record CreateRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
            String service,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 100) String group,
            @Size(max = 500) String description,
            @Min(0) @Max(10_000) Integer position) {
    }

    public record UpdateRequest(
            @Size(min = 1, max = 100) String name,
            @Size(max = 100) String group,
            @Size(max = 500) String description,
            @Min(0) @Max(10_000) Integer position) {
    }

    /** {@code status} null clears the override. */
    public record OverrideRequest(ComponentStatus status, @Size(max = 500) String reason) {
    }

    public record ComponentView(UUID id, String service, String name, String group, String description, int position,
                                String status, String overrideStatus, String overrideReason, String overrideBy,
                                Instant overrideAt) {
        static ComponentView of(Component c, ComponentStatus status) {
            return new ComponentView(c.id, c.service, c.name, c.groupName, c.description, c.position,
                    status == null ? null : status.name(),
                    c.overrideStatus == null ? null : c.overrideStatus.name(), c.overrideReason, c.overrideBy,
                    c.overrideAt);
        }
    }

    private final ComponentService components;
    private final CurrentActor actor;

    public ComponentResource(ComponentService components, CurrentActor actor) {
        this.components = components;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<List<ComponentView>> list() {
        return components.currentStatuses().map(statuses -> statuses.stream()
                .map(s -> ComponentView.of(s.component(), s.status())).toList());
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.ADMIN)
    public Uni<ComponentView> create(@NotNull @Valid CreateRequest request) {
        return components.create(request.service(), request.name(), request.group(), request.description(),
                request.position() == null ? 0 : request.position()).map(c -> ComponentView.of(c, null));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<ComponentView> update(@PathParam("id") UUID id, @NotNull @Valid UpdateRequest request) {
        return components.update(id, request.name(), request.group(), request.description(), request.position())
                .map(c -> ComponentView.of(c, null));
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return components.delete(id);
    }

    /** Overrides the derived status (or clears the override with {@code "status": null}). */
    @PUT
    @Path("/{id}/status")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<ComponentView> override(@PathParam("id") UUID id, @NotNull @Valid OverrideRequest request) {
        return components.override(id, request.status(), request.reason(), actor.id())
                .map(c -> ComponentView.of(c, c.overrideStatus));
    }
}
