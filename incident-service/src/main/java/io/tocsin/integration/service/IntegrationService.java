package io.tocsin.integration.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.integration.Integration;
import io.tocsin.integration.repository.IntegrationRepository;
import io.tocsin.integration.repository.RateLimitRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Integrations: creation, rotation, enabling, and admitting a monitoring system's request (key + rate limit). */
@ApplicationScoped
public class IntegrationService {

    /** What an admin asks for. */
    public record Spec(String name, String kind, String service, boolean signed, Integer rateLimitPerMinute,
                       String groupBy, String signatureHeader, String timestampHeader) {
    }

    /** An integration with its key (and secret), which exist in clear text only in this answer. */
    public record Created(Integration integration, String key, String secret) {
    }

    /** An admitted request's integration with the secrets that may sign it. */
    public record Admitted(Integration integration, List<byte[]> secrets) {
    }

    private final IntegrationRepository integrations;
    private final RateLimitRepository rateLimits;
    private final SecretCipher cipher;

    public IntegrationService(IntegrationRepository integrations, RateLimitRepository rateLimits, SecretCipher cipher) {
        this.integrations = integrations;
        this.rateLimits = rateLimits;
        this.cipher = cipher;
    }

    @WithTransaction
    public Uni<Created> create(Spec spec) {
        String key = IntegrationKeys.newKey();
        String secret = spec.signed() ? newSecret() : null;
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.name = spec.name();
        integration.kind = spec.kind();
        integration.service = spec.service();
        integration.keyHash = IntegrationKeys.hash(key);
        integration.secretCiphertext = secret == null ? null : cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8));
        integration.enabled = true;
        integration.rateLimitPerMinute = spec.rateLimitPerMinute() != null ? spec.rateLimitPerMinute() : 120;
        integration.groupBy = spec.groupBy() != null ? spec.groupBy() : "group";
        integration.signatureHeader = spec.signatureHeader();
        integration.timestampHeader = spec.timestampHeader();
        integration.createdAt = Instant.now();
        return integrations.persist(integration).map(saved -> new Created(saved, key, secret));
    }

    @WithSession
    public Uni<List<Integration>> list() {
        return integrations.listByName();
    }

    @WithSession
    public Uni<Integration> get(UUID id) {
        return integrations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id));
    }

    @WithTransaction
    public Uni<Integration> setEnabled(UUID id, boolean enabled) {
        return integrations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id))
                .invoke(integration -> integration.enabled = enabled);
    }

    /** A new key (and secret); the old ones keep working for {@code grace} so senders can be switched over. */
    @WithTransaction
    public Uni<Created> rotate(UUID id, Duration grace) {
        return integrations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id))
                .map(integration -> {
                    String key = IntegrationKeys.newKey();
                    String secret = integration.secretCiphertext == null ? null : newSecret();
                    integration.previousKeyHash = integration.keyHash;
                    integration.previousSecretCiphertext = integration.secretCiphertext;
                    integration.previousKeyValidUntil = Instant.now().plus(grace);
                    integration.keyHash = IntegrationKeys.hash(key);
                    integration.secretCiphertext = secret == null ? null
                            : cipher.encrypt(secret.getBytes(StandardCharsets.UTF_8));
                    return new Created(integration, key, secret);
                });
    }

    /**
     * Authenticates the key and counts the request against the key's rate limit, in a transaction of its own so the
     * count holds even when the alert is then rejected. Unknown key 404, disabled 403, over the limit
     * {@link RateLimitedException}.
     */
    public Uni<Admitted> admit(String key) {
        return Panache.withTransaction(() -> authenticate(key).chain(integration -> rateLimits.count(integration.id)
                .map(window -> {
                    if (window.requests() > integration.rateLimitPerMinute) {
                        throw new RateLimitedException(integration.rateLimitPerMinute, window.secondsLeft());
                    }
                    return new Admitted(integration, secrets(integration));
                })));
    }

    /** The enabled integration of {@code key} (the current key, or the previous one during its grace period). */
    public Uni<Integration> authenticate(String key) {
        String hash = IntegrationKeys.hash(key == null ? "" : key);
        Instant now = Instant.now();
        return integrations.findByKeyHash(hash)
                .chain(current -> current != null ? Uni.createFrom().item(current)
                        : integrations.findByPreviousKeyHash(hash)
                        .map(previous -> previous != null && previous.previousKeyValid(now) ? previous : null))
                .onItem().ifNull().failWith(() -> new ProblemException(Response.Status.NOT_FOUND,
                        "No integration has this key"))
                .invoke(integration -> {
                    if (!integration.enabled) {
                        throw new ProblemException(Response.Status.FORBIDDEN, "This integration is disabled");
                    }
                });
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneRateLimitWindows() {
        return Panache.withTransaction(rateLimits::prune).replaceWithVoid();
    }

    private List<byte[]> secrets(Integration integration) {
        List<byte[]> secrets = new ArrayList<>();
        if (integration.secretCiphertext != null) {
            secrets.add(cipher.decrypt(integration.secretCiphertext));
        }
        if (integration.previousSecretCiphertext != null && integration.previousKeyValid(Instant.now())) {
            secrets.add(cipher.decrypt(integration.previousSecretCiphertext));
        }
        return secrets;
    }

    private String newSecret() {
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.newSecret());
    }
}
