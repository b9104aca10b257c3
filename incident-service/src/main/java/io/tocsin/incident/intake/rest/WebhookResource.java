package io.tocsin.incident.intake.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.incident.intake.service.IntakeService;
import io.tocsin.incident.intake.service.format.AlertGroupFormat;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.io.IOException;

/**
 * The Tocsin-native webhooks. The integration key in the path authenticates the sender; bodies are read as bytes so
 * signatures are checked over exactly what was sent. Answers 202 once the alert is committed.
 */
@Path("/api/v1/integrations/{key}")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final IntakeService intake;

    public WebhookResource(IntakeService intake) {
        this.intake = intake;
    }

    /**
     * Generic JSON from any tool. Integrations with a secret also require X-Tocsin-Timestamp and X-Tocsin-Signature;
     * Idempotency-Key is honoured.
     */
    @POST
    @Path("/generic")
    @ResponseStatus(202)
    public Uni<AlertAccepted> generic(@PathParam("key") String key, @Context HttpHeaders headers, byte[] body)
            throws IOException {
        return intake.generic(key, request(headers, body)).map(AlertAccepted::of);
    }

    /**
     * Prometheus Alertmanager webhook_configs (payload version "4"): one incident per alert group by default,
     * resolved when its last alert resolves; integrations with group_by "alert" open one per fingerprint.
     */
    @POST
    @Path("/alertmanager")
    @ResponseStatus(202)
    public Uni<AlertAccepted> alertmanager(@PathParam("key") String key, @Context HttpHeaders headers, byte[] body)
            throws IOException {
        return intake.alertGroup(key, request(headers, body), AlertGroupFormat.Sender.ALERTMANAGER).map(AlertAccepted::of);
    }

    /**
     * Grafana alerting webhook contact point, grouped like Alertmanager's. Integrations with a secret require the
     * HMAC-SHA256 signature header (name configurable: Grafana's docs say X-Grafana-Alerting-Signature, its code
     * X-Grafana-Alert-Signature) and, if configured, a timestamp header.
     */
    @POST
    @Path("/grafana")
    @ResponseStatus(202)
    public Uni<AlertAccepted> grafana(@PathParam("key") String key, @Context HttpHeaders headers, byte[] body)
            throws IOException {
        return intake.alertGroup(key, request(headers, body), AlertGroupFormat.Sender.GRAFANA).map(AlertAccepted::of);
    }

    private static IntakeService.Request request(HttpHeaders headers, byte[] body) {
        return new IntakeService.Request(body, headers::getHeaderString);
    }
}
