package io.tocsin.status.timeline.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.service.TimelineService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The internal incident timeline as status-service has assembled it from every service's events. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class TimelineResource {

    public record IncidentStateView(UUID id, String service, String priority, String summary, String status,
                                    String phase, Instant triggeredAt, Instant acknowledgedAt, Instant resolvedAt,
                                    Instant respondBy, int alertCount) {
        static IncidentStateView of(IncidentRecord r) {
            return new IncidentStateView(r.id, r.service, r.priority, r.summary,
                    r.status == null ? null : r.status.name(), r.phase, r.triggeredAt, r.acknowledgedAt, r.resolvedAt,
                    r.respondBy, r.alertCount);
        }
    }

    public record TimelineLineView(UUID eventId, Instant at, String kind, String actor, String detail, String audience) {
        static TimelineLineView of(TimelineEntry e) {
            return new TimelineLineView(e.eventId, e.at, e.kind.name(), e.actor, e.detail, e.audience);
        }
    }

    public record TimelineView(IncidentStateView incident, List<TimelineLineView> entries) {
    }

    private final TimelineService timeline;

    public TimelineResource(TimelineService timeline) {
        this.timeline = timeline;
    }

    @GET
    @Path("/{id}/timeline")
    public Uni<TimelineView> timeline(@PathParam("id") UUID id) {
        return timeline.timeline(id).map(t -> new TimelineView(IncidentStateView.of(t.incident()),
                t.entries().stream().map(TimelineLineView::of).toList()));
    }
}
