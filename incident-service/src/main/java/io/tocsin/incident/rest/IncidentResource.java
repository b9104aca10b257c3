package io.tocsin.incident.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.Incident;
import io.tocsin.incident.TimelineEntry;
import io.tocsin.incident.service.IncidentService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Incidents for responders: one incident and its timeline. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class IncidentResource {

    public record IncidentView(UUID id, String service, String priority, String severity, String summary,
                               String source, String status, int alertCount, Instant createdAt, Instant respondBy,
                               Instant acknowledgedAt, Instant resolvedAt) {
        static IncidentView of(Incident i) {
            return new IncidentView(i.id, i.service, i.priority, i.severity, i.summary, i.source, i.status.name(),
                    i.alertCount, i.createdAt, i.respondBy, i.acknowledgedAt, i.resolvedAt);
        }
    }

    public record TimelineEntryView(Instant at, String kind, String actor, String detail) {
        static TimelineEntryView of(TimelineEntry e) {
            return new TimelineEntryView(e.at, e.kind, e.actor, e.detail);
        }
    }

    private final IncidentService incidents;

    public IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Path("/{id}")
    public Uni<IncidentView> get(@PathParam("id") UUID id) {
        return incidents.get(id).map(IncidentView::of);
    }

    @GET
    @Path("/{id}/timeline")
    public Uni<List<TimelineEntryView>> timeline(@PathParam("id") UUID id) {
        return incidents.timeline(id).map(list -> list.stream().map(TimelineEntryView::of).toList());
    }
}
