package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.room.service.RoomService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/**
 * The bridge: the meeting URL the commander sets for the room. It goes into the room page and, through
 * IncidentBridgeChanged, into every later page escalation-service sends.
 */
@Path("/api/v1/incidents/{id}/bridge")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class BridgeResource {

    /** http(s) only: the URL becomes a link in pages and mails, never a script. */
    public record BridgeRequest(@NotNull @Size(max = 2048)
                                @Pattern(regexp = "https?://[^\\s\"'<>]+", message = "must be an http or https URL")
                                String url) {
    }

    public record BridgeView(UUID incidentId, String url) {
    }

    private final RoomService room;
    private final CurrentActor actor;

    public BridgeResource(RoomService room, CurrentActor actor) {
        this.room = room;
        this.actor = actor;
    }

    @PUT
    public Uni<BridgeView> set(@PathParam("id") UUID id, @NotNull @Valid BridgeRequest request) {
        return room.setBridge(id, request.url(), actor.actor(), privileged()).map(i -> new BridgeView(id, i.bridgeUrl));
    }

    @DELETE
    public Uni<BridgeView> remove(@PathParam("id") UUID id) {
        return room.setBridge(id, null, actor.actor(), privileged()).map(i -> new BridgeView(id, i.bridgeUrl));
    }

    private boolean privileged() {
        return actor.hasRole(Roles.INCIDENT_COMMANDER) || actor.hasRole(Roles.ADMIN);
    }
}
