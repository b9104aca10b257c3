package io.tocsin.escalation.incident.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.model.LogEntry;
import io.tocsin.escalation.incident.service.EscalationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The escalation state of an incident as escalation-service sees it, and "escalate now". */
@Path("/api/v1/escalations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class EscalationResource {

    public record EscalationView(UUID incidentId, String service, String priority, String summary, String status,
                                 Instant respondBy, Instant triggeredAt, String policyName, Integer step, Integer loop,
                                 Instant nextEscalationAt, boolean muted, String muteReason,
                                 List<LogEntry> log) {
        static EscalationView of(Escalation e, List<LogEntry> log) {
            return new EscalationView(e.incidentId, e.service, e.priority, e.summary, e.status.name(), e.respondBy,
                    e.triggeredAt, e.policyName, e.lastStep, e.lastLoop, e.nextEscalationAt, e.mutedBy != null,
                    e.muteReason, log);
        }
    }

    /** The step and loop the caller last saw: escalating twice from the same view fires one level, not two. */
    public record EscalateRequest(Integer step, Integer loop) {
    }

    private final EscalationService escalations;
    private final CurrentActor actor;

    public EscalationResource(EscalationService escalations, CurrentActor actor) {
        this.escalations = escalations;
        this.actor = actor;
    }

    @GET
    @Path("/{incidentId}")
    public Uni<EscalationView> get(@PathParam("incidentId") UUID incidentId) {
        return escalations.get(incidentId)
                .chain(e -> escalations.log(incidentId).map(log -> EscalationView.of(e, log)));
    }

    @POST
    @Path("/{incidentId}/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<EscalationView> escalate(@PathParam("incidentId") UUID incidentId, EscalateRequest request) {
        EscalateRequest seen = request == null ? new EscalateRequest(null, null) : request;
        return escalations.escalateNow(incidentId, seen.step(), seen.loop(), actor.id())
                .chain(e -> get(incidentId));
    }
}
