package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.room.service.RoomLinks;
import io.tocsin.incident.room.service.RoomService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.UUID;

/**
 * The incident room for someone signed in with a bearer token. The page gets a room link of its own for the caller,
 * which its script uses for the live stream and the refresh (a browser's EventSource cannot send a bearer token).
 */
@Path("/api/v1/incidents/{id}/room")
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class RoomResource {

    private final RoomService room;
    private final RoomLinks links;
    private final RoomPages pages;
    private final CurrentActor actor;

    public RoomResource(RoomService room, RoomLinks links, RoomPages pages, CurrentActor actor) {
        this.room = room;
        this.links = links;
        this.pages = pages;
        this.actor = actor;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("id") UUID id) {
        String subject = actor.id();
        return room.snapshot(id).map(snapshot -> pages.render(snapshot, links.token(id, subject, Instant.now())));
    }
}
