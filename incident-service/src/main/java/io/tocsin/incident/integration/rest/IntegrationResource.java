package io.tocsin.incident.integration.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.integration.model.Integration;
import io.tocsin.incident.integration.service.IntegrationService;
import io.tocsin.incident.integration.service.TestAlerts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Admin API for integrations: the keys (and optional signing secrets) monitoring systems use to post alerts.
 * Keys and secrets are shown once, when created or rotated.
 */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IntegrationResource {

    private static final String HEADER = "[A-Za-z0-9-]{1,100}";

    public record CreateIntegrationRequest(
            @NotNull @Size(min = 1, max = 200) String name,
            @NotNull @Pattern(regexp = "generic|alertmanager|grafana|pagerduty",
                    message = "must be one of generic, alertmanager, grafana, pagerduty") String kind,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
            String service,
            Boolean signed,
            @Min(1) @Max(100_000) Integer rateLimitPerMinute,
            @Pattern(regexp = "group|alert", message = "must be group or alert") String groupBy,
            @Pattern(regexp = HEADER, message = "must be an HTTP header name") String signatureHeader,
            @Pattern(regexp = HEADER, message = "must be an HTTP header name") String timestampHeader) {
    }

    public record RotateRequest(@Min(0) @Max(7 * 24 * 60) Integer gracePeriodMinutes) {
    }

    public record IntegrationView(UUID id, String name, String kind, String service, boolean enabled, boolean signed,
                                  int rateLimitPerMinute, String groupBy, String signatureHeader,
                                  String timestampHeader, Instant previousKeyValidUntil, Instant createdAt) {
        static IntegrationView of(Integration i) {
            return new IntegrationView(i.id, i.name, i.kind, i.service, i.enabled, i.secretCiphertext != null,
                    i.rateLimitPerMinute, i.groupBy, i.signatureHeader, i.timestampHeader, i.previousKeyValidUntil,
                    i.createdAt);
        }
    }

    /** The answer to create and rotate: the only time the key and secret are shown. */
    public record KeyView(IntegrationView integration, String key, String secret, String webhookPath) {
        static KeyView of(IntegrationService.Created created) {
            Integration i = created.integration();
            String path = "pagerduty".equals(i.kind) ? "/v2/enqueue"
                    : "/api/v1/integrations/" + created.key() + "/" + i.kind;
            return new KeyView(IntegrationView.of(i), created.key(), created.secret(), path);
        }
    }

    public record TestAlertView(String status, UUID incidentId) {
    }

    private final IntegrationService integrations;
    private final TestAlerts testAlerts;
    private final CurrentActor actor;

    public IntegrationResource(IntegrationService integrations, TestAlerts testAlerts, CurrentActor actor) {
        this.integrations = integrations;
        this.testAlerts = testAlerts;
        this.actor = actor;
    }

    @POST
    @ResponseStatus(201)
    public Uni<KeyView> create(@NotNull @Valid CreateIntegrationRequest request) {
        return integrations.create(new IntegrationService.Spec(request.name(), request.kind(), request.service(),
                        Boolean.TRUE.equals(request.signed()), request.rateLimitPerMinute(), request.groupBy(),
                        request.signatureHeader(), request.timestampHeader()))
                .map(KeyView::of);
    }

    @GET
    public Uni<List<IntegrationView>> list() {
        return integrations.list().map(list -> list.stream().map(IntegrationView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<IntegrationView> get(@PathParam("id") UUID id) {
        return integrations.get(id).map(IntegrationView::of);
    }

    @POST
    @Path("/{id}/disable")
    public Uni<IntegrationView> disable(@PathParam("id") UUID id) {
        return integrations.setEnabled(id, false).map(IntegrationView::of);
    }

    @POST
    @Path("/{id}/enable")
    public Uni<IntegrationView> enable(@PathParam("id") UUID id) {
        return integrations.setEnabled(id, true).map(IntegrationView::of);
    }

    /** A new key (and secret); the old ones stay valid for the grace period (default 24 h) so senders can switch. */
    @POST
    @Path("/{id}/rotate")
    public Uni<KeyView> rotate(@PathParam("id") UUID id, @Valid RotateRequest request) {
        int minutes = request == null || request.gracePeriodMinutes() == null ? 24 * 60 : request.gracePeriodMinutes();
        return integrations.rotate(id, Duration.ofMinutes(minutes)).map(KeyView::of);
    }

    /** Sends a P4 test alert through the integration, as its monitoring system would, and answers with its incident. */
    @POST
    @Path("/{id}/test")
    @ResponseStatus(202)
    public Uni<TestAlertView> test(@PathParam("id") UUID id) {
        String who = actor.actor().name();
        return integrations.get(id)
                .chain(integration -> testAlerts.send(integration, who))
                .map(sent -> new TestAlertView(sent.status(), sent.incidentId()));
    }
}
