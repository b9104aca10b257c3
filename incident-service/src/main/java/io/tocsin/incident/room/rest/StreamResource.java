package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Multi;
import io.tocsin.commons.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.ResponseHeader;

import java.util.UUID;

/** The live timeline for mobile clients and anything else that holds a bearer token: see {@link StreamEvents}. */
@Path("/api/v1/incidents/{id}/stream")
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class StreamResource {

    private final StreamEvents events;

    public StreamResource(StreamEvents events) {
        this.events = events;
    }

    @GET
    @KnownIncident
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> stream(@PathParam("id") UUID id, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @QueryParam("after") String after, @Context Sse sse) {
        return events.stream(id, StreamEvents.after(lastEventId, after), sse);
    }
}
