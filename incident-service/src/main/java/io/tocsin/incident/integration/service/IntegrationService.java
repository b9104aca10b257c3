package io.tocsin.incident.integration.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.integration.model.Integration;
import io.tocsin.incident.integration.repository.IntegrationRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    /** An integration as intake last read it, by the hash of one of its keys. */
    private record Known(Admitted admitted, long readAtNanos) {
    }

    /** How long intake trusts what it read; another replica's disable or rotation takes effect within this. */
    static final Duration CACHED_FOR = Duration.ofSeconds(5);
    private static final int MAX_CACHED = 10_000;

    private final IntegrationRepository integrations;
    private final SecretCipher cipher;
    private final IntegrationKeys keys;
    private final Map<String, Known> byKeyHash = new ConcurrentHashMap<>();

    public IntegrationService(IntegrationRepository integrations, SecretCipher cipher, IntegrationKeys keys) {
        this.integrations = integrations;
        this.cipher = cipher;
        this.keys = keys;
    }

    public Uni<Created> create(Spec spec) {
        if (spec.signed() && "pagerduty".equals(spec.kind())) {
            // PagerDuty's Events API has no signatures: nothing would check one.
            throw ProblemException.unprocessable("The integration is not valid",
                    List.of("signed: PagerDuty Events integrations cannot be signed (the routing key is the credential)"));
        }
        String key = keys.newKey();
        String secret = spec.signed() ? newSecret() : null;
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.name = spec.name();
        integration.kind = spec.kind();
        integration.service = spec.service();
        integration.keyHash = IntegrationKeys.hash(key);
        integration.secretCiphertext = secret == null ? null
                : cipher.encrypt(integration.id, secret.getBytes(StandardCharsets.UTF_8));
        integration.enabled = true;
        integration.rateLimitPerMinute = spec.rateLimitPerMinute() != null ? spec.rateLimitPerMinute() : 120;
        integration.groupBy = spec.groupBy() != null ? spec.groupBy() : "group";
        integration.signatureHeader = spec.signatureHeader();
        integration.timestampHeader = spec.timestampHeader();
        integration.createdAt = Instant.now();
        return afterCommitForget(Panache.withTransaction(() -> integrations.persist(integration)
                .map(saved -> new Created(saved, key, secret))));
    }

    @WithSession
    public Uni<List<Integration>> list() {
        return integrations.listByName();
    }

    @WithSession
    public Uni<Integration> get(UUID id) {
        return integrations.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id));
    }

    public Uni<Integration> setEnabled(UUID id, boolean enabled) {
        return afterCommitForget(Panache.withTransaction(() -> integrations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id))
                .invoke(integration -> integration.enabled = enabled)));
    }

    /** A new key (and secret); the old ones keep working for {@code grace} so senders can be switched over. */
    public Uni<Created> rotate(UUID id, Duration grace) {
        return afterCommitForget(Panache.withTransaction(() -> integrations.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Integration " + id))
                .map(integration -> {
                    String key = keys.newKey();
                    String secret = integration.secretCiphertext == null ? null : newSecret();
                    integration.previousKeyHash = integration.keyHash;
                    integration.previousSecretCiphertext = integration.secretCiphertext;
                    integration.previousKeyValidUntil = Instant.now().plus(grace);
                    integration.keyHash = IntegrationKeys.hash(key);
                    integration.secretCiphertext = secret == null ? null
                            : cipher.encrypt(integration.id, secret.getBytes(StandardCharsets.UTF_8));
                    return new Created(integration, key, secret);
                })));
    }

    /**
     * Authenticates the key: unknown 404, disabled 403. Intake calls this for every request, so what was read is kept
     * for {@link #CACHED_FOR} (changes made here clear it at once); the request is counted against the key's rate
     * limit only once its signature is checked (RateLimits).
     */
    public Uni<Admitted> admit(String key) {
        String hash = IntegrationKeys.hash(key == null ? "" : key);
        Known known = byKeyHash.get(hash);
        if (known != null && System.nanoTime() - known.readAtNanos() < CACHED_FOR.toNanos()) {
            return Uni.createFrom().item(() -> check(known.admitted(), hash));
        }
        return Panache.withSession(() -> authenticate(key)).map(integration -> {
            Admitted admitted = new Admitted(integration, secrets(integration));
            if (byKeyHash.size() >= MAX_CACHED) {
                byKeyHash.clear();
            }
            byKeyHash.put(hash, new Known(admitted, System.nanoTime()));
            return admitted;
        });
    }

    /** Forgets what intake read, once {@code change} committed (a read before the commit would be stale). */
    private <T> Uni<T> afterCommitForget(Uni<T> change) {
        return change.invoke(byKeyHash::clear);
    }

    /** A cached admission still holds: the integration is enabled and, for its previous key, the grace has not ended. */
    private static Admitted check(Admitted admitted, String keyHash) {
        Integration integration = admitted.integration();
        if (!integration.keyHash.equals(keyHash) && !integration.previousKeyValid(Instant.now())) {
            throw new ProblemException(404, "No integration has this key");
        }
        if (!integration.enabled) {
            throw new ProblemException(403, "This integration is disabled");
        }
        return admitted;
    }

    /** The enabled integration of {@code key} (the current key, or the previous one during its grace period). */
    public Uni<Integration> authenticate(String key) {
        String hash = IntegrationKeys.hash(key == null ? "" : key);
        Instant now = Instant.now();
        return integrations.findByKeyHash(hash)
                .chain(current -> current != null ? Uni.createFrom().item(current)
                        : integrations.findByPreviousKeyHash(hash)
                        .map(previous -> previous != null && previous.previousKeyValid(now) ? previous : null))
                .onItem().ifNull().failWith(() -> new ProblemException(404,
                        "No integration has this key"))
                .invoke(integration -> {
                    if (!integration.enabled) {
                        throw new ProblemException(403, "This integration is disabled");
                    }
                });
    }

    private List<byte[]> secrets(Integration integration) {
        List<byte[]> secrets = new ArrayList<>();
        if (integration.secretCiphertext != null) {
            secrets.add(cipher.decrypt(integration.id, integration.secretCiphertext));
        }
        if (integration.previousSecretCiphertext != null && integration.previousKeyValid(Instant.now())) {
            secrets.add(cipher.decrypt(integration.id, integration.previousSecretCiphertext));
        }
        return secrets;
    }

    private String newSecret() {
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(cipher.newSecret());
    }
}
