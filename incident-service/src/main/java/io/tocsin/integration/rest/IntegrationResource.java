package io.tocsin.integration.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.integration.Integration;
import io.tocsin.integration.service.IntegrationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admin API for integrations: the keys monitoring systems use to post alerts. */
@Path("/api/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class IntegrationResource {

    public record CreateIntegrationRequest(
            @NotNull @Size(min = 1, max = 200) String name,
            @NotNull @Pattern(regexp = "generic|alertmanager|grafana|pagerduty",
                    message = "must be one of generic, alertmanager, grafana, pagerduty") String kind,
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
            String service) {
    }

    public record IntegrationView(UUID id, String name, String kind, String service, boolean enabled, Instant createdAt) {
        static IntegrationView of(Integration integration) {
            return new IntegrationView(integration.id, integration.name, integration.kind, integration.service,
                    integration.enabled, integration.createdAt);
        }
    }

    /** The creation answer: the only time the key is shown. */
    public record CreatedIntegrationView(UUID id, String name, String kind, String service, boolean enabled,
                                         Instant createdAt, String key, String webhookPath) {
    }

    private final IntegrationService integrations;

    public IntegrationResource(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @POST
    @ResponseStatus(201)
    public Uni<CreatedIntegrationView> create(@NotNull @Valid CreateIntegrationRequest request) {
        return integrations.create(request.name(), request.kind(), request.service())
                .map(created -> {
                    Integration i = created.integration();
                    String path = "pagerduty".equals(i.kind) ? "/v2/enqueue"
                            : "/api/v1/integrations/" + created.key() + "/" + i.kind;
                    return new CreatedIntegrationView(i.id, i.name, i.kind, i.service, i.enabled, i.createdAt,
                            created.key(), path);
                });
    }

    @GET
    public Uni<List<IntegrationView>> list() {
        return integrations.list().map(list -> list.stream().map(IntegrationView::of).toList());
    }
}
