package io.tocsin.integration.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.integration.Integration;
import io.tocsin.integration.repository.IntegrationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates integrations and authenticates the keys monitoring systems present. */
@ApplicationScoped
public class IntegrationService {

    /** A new integration together with its key, which exists in clear text only in this answer. */
    public record Created(Integration integration, String key) {
    }

    private final IntegrationRepository integrations;

    public IntegrationService(IntegrationRepository integrations) {
        this.integrations = integrations;
    }

    @WithTransaction
    public Uni<Created> create(String name, String kind, String service) {
        String key = IntegrationKeys.newKey();
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.name = name;
        integration.kind = kind;
        integration.service = service;
        integration.keyHash = IntegrationKeys.hash(key);
        integration.enabled = true;
        integration.createdAt = Instant.now();
        return integrations.persist(integration).map(saved -> new Created(saved, key));
    }

    @WithSession
    public Uni<List<Integration>> list() {
        return integrations.listByName();
    }

    /**
     * The enabled integration of {@code key}, for use inside the caller's session; an unknown key is 404 (the
     * webhook URL names no integration) and a disabled one 403.
     */
    public Uni<Integration> authenticate(String key) {
        return integrations.findByKeyHash(IntegrationKeys.hash(key == null ? "" : key))
                .onItem().ifNull().failWith(() -> new ProblemException(Response.Status.NOT_FOUND,
                        "No integration has this key"))
                .invoke(integration -> {
                    if (!integration.enabled) {
                        throw new ProblemException(Response.Status.FORBIDDEN, "This integration is disabled");
                    }
                });
    }
}
