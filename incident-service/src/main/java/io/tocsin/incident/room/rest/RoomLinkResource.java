package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.room.service.RoomLinks;
import io.tocsin.incident.room.service.RoomService;
import io.tocsin.incident.room.service.RoomTokens;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.ResponseHeader;

import java.time.Duration;
import java.time.Instant;

/**
 * The room through a short-lived link ({@code /room/{token}}, public on the Ingress like the one-tap links): the page
 * and its live stream, read-only. Writing (roles, notes, tasks) needs a bearer token.
 */
@Path("/room/{token}")
@PermitAll
public class RoomLinkResource {

    private final RoomLinks links;
    private final RoomService room;
    private final RoomPages pages;
    private final StreamEvents events;

    public RoomLinkResource(RoomLinks links, RoomService room, RoomPages pages, StreamEvents events) {
        this.links = links;
        this.room = room;
        this.pages = pages;
        this.events = events;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("token") String token) {
        RoomTokens.Grant grant = links.grant(token, Instant.now());
        return room.snapshot(grant.incidentId()).map(snapshot -> pages.render(snapshot, token));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> stream(@PathParam("token") String token,
                                          @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("after") String after, @Context Sse sse) {
        Instant now = Instant.now();
        RoomTokens.Grant grant = links.grant(token, now);
        // The stream ends when the link does; the browser's reconnect then gets 410.
        return events.stream(grant.incidentId(), StreamEvents.after(lastEventId, after), sse)
                .select().first(Duration.between(now, grant.expiresAt()));
    }
}
