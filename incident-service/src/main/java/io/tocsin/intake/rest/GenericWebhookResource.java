package io.tocsin.intake.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.incident.service.IncidentService;
import io.tocsin.intake.service.IntakeService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.io.IOException;
import java.util.UUID;

/** Generic JSON webhook: any tool that can POST JSON. The key in the path authenticates the sender. */
@Path("/api/v1/integrations/{key}/generic")
@PermitAll
public class GenericWebhookResource {

    /** The 202 answer: what the alert did and to which incident. */
    public record AlertAccepted(String status, UUID incidentId, String dedupKey) {
        static AlertAccepted of(IncidentService.AlertResult result) {
            return new AlertAccepted(result.outcome().name().toLowerCase(), result.incidentId(), result.dedupKey());
        }
    }

    private final IntakeService intake;

    public GenericWebhookResource(IntakeService intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<AlertAccepted> post(@PathParam("key") String key, byte[] body) throws IOException {
        return intake.generic(key, body).map(AlertAccepted::of);
    }
}
