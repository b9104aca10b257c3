package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.Problem;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.lifecycle.service.IncidentService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.UUID;

/** Answers 404 problem+json before a {@link KnownIncident} method runs when its incident does not exist. */
public class KnownIncidentFilter {

    private final IncidentService incidents;

    public KnownIncidentFilter(IncidentService incidents) {
        this.incidents = incidents;
    }

    @ServerRequestFilter
    @KnownIncident
    public Uni<Response> requireIncident(ContainerRequestContext request) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        UUID incidentId;
        try {
            incidentId = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(Problem.response(Response.Status.NOT_FOUND, "Incident " + id + " not found"));
        }
        return incidents.get(incidentId).replaceWith((Response) null)
                .onFailure(ProblemException.class).recoverWithItem(e -> Problem.of(404, "Not Found", e.getMessage(),
                        null).toResponse());
    }
}
