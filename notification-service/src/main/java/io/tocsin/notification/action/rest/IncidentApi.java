package io.tocsin.notification.action.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.service.IncidentActions.Person;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** incident-service's incident actions, as called with the service identity (base URL: config key incident-service). */
@RegisterRestClient(configKey = "incident-service")
@Path("/api/v1/incidents")
public interface IncidentApi {

    /** The person, and the one-tap link token issued to them: incident-service acts for nobody else. */
    record OnBehalfOf(Person onBehalfOf, String link) {
    }

    /** The part of incident-service's answer this service reads. */
    record IncidentStatus(String status) {
    }

    @POST
    @Path("/{id}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<IncidentStatus> act(@PathParam("id") UUID incidentId, @PathParam("action") String action,
                            @HeaderParam("Authorization") String authorization, OnBehalfOf body);
}
