package io.tocsin.status.update.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.IncidentPermissions;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.update.model.PublicUpdate;
import io.tocsin.status.update.service.PublicUpdateService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the public (and, through notification-service, the stakeholders) read about an incident: posted by incident
 * commanders, admins and the communications role ({@link IncidentPermissions#mayPostPublicUpdate}), or by the
 * incident's own commander or communications lead (from its role events); read by everyone working the incident.
 */
@Path("/api/v1/incidents/{id}/public-updates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN, Roles.COMMUNICATIONS})
public class PublicUpdateResource {

    public record PostRequest(
            @NotNull @Pattern(regexp = "investigating|identified|monitoring|resolved",
                    message = "must be one of investigating, identified, monitoring, resolved") String status,
            @NotBlank @Size(max = 5_000) String message,
            @Size(max = 200) String title) {
    }

    public record PublicUpdateView(UUID id, UUID incidentId, String status, String message, String postedBy,
                                   Instant postedAt) {
        static PublicUpdateView of(PublicUpdate u) {
            return new PublicUpdateView(u.id, u.incidentId, u.status, u.message, u.actor, u.postedAt);
        }
    }

    private final PublicUpdateService updates;
    private final CurrentActor actor;

    public PublicUpdateResource(PublicUpdateService updates, CurrentActor actor) {
        this.updates = updates;
        this.actor = actor;
    }

    @POST
    @ResponseStatus(201)
    public Uni<PublicUpdateView> post(@PathParam("id") UUID incidentId, @NotNull @Valid PostRequest request) {
        return updates.post(incidentId, request.status(), request.message(), request.title(), actor.caller(),
                actor.actor()).map(PublicUpdateView::of);
    }

    @GET
    public Uni<List<PublicUpdateView>> list(@PathParam("id") UUID incidentId) {
        return updates.forIncident(incidentId).map(list -> list.stream().map(PublicUpdateView::of).toList());
    }
}
