package io.tocsin.escalation.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.Escalation;
import io.tocsin.escalation.service.EscalationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.UUID;

/** The escalation state of an incident, as escalation-service sees it. */
@Path("/api/v1/escalations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class EscalationResource {

    public record EscalationView(UUID incidentId, String service, String priority, String summary, String status,
                                 Instant respondBy, Instant triggeredAt) {
        static EscalationView of(Escalation e) {
            return new EscalationView(e.incidentId, e.service, e.priority, e.summary, e.status.name(), e.respondBy,
                    e.triggeredAt);
        }
    }

    private final EscalationService escalations;

    public EscalationResource(EscalationService escalations) {
        this.escalations = escalations;
    }

    @GET
    @Path("/{incidentId}")
    public Uni<EscalationView> get(@PathParam("incidentId") UUID incidentId) {
        return escalations.get(incidentId).map(EscalationView::of);
    }
}
