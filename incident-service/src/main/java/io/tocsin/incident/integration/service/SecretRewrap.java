package io.tocsin.incident.integration.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.integration.model.Integration;
import io.tocsin.incident.integration.repository.IntegrationRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finishes a master-key rotation: signing secrets still held under an old key (TOCSIN_PREVIOUS_SECRET_KEYS) or in
 * the format from before key ids are encrypted again under TOCSIN_SECRET_KEY, a batch at a time, on any replica
 * (two replicas rewriting the same row both write a valid ciphertext of the same secret). Once a run finds nothing
 * left, the old key can go. A secret no configured key can read is logged and left alone.
 */
@ApplicationScoped
public class SecretRewrap {

    private static final int BATCH = 100;

    private final IntegrationRepository integrations;
    private final SecretCipher cipher;

    public SecretRewrap(IntegrationRepository integrations, SecretCipher cipher) {
        this.integrations = integrations;
        this.cipher = cipher;
    }

    @Scheduled(every = "${tocsin.integrations.rewrap-every:10m}", delayed = "${tocsin.integrations.rewrap-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> rewrap() {
        return Panache.withTransaction(() -> integrations.withSecretsNotUnder(cipher.currentPrefix(), BATCH)
                        .map(stale -> stale.stream().filter(this::rewrap).count()))
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Re-encrypted the signing secrets of %d integrations under the current key", count);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("Re-encrypting signing secrets failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private boolean rewrap(Integration integration) {
        try {
            if (integration.secretCiphertext != null) {
                integration.secretCiphertext = cipher.reencrypt(integration.id, integration.secretCiphertext);
            }
            if (integration.previousSecretCiphertext != null) {
                integration.previousSecretCiphertext = cipher.reencrypt(integration.id, integration.previousSecretCiphertext);
            }
            return true;
        } catch (IllegalStateException unreadable) {
            Log.errorf("Integration %s: %s", integration.id, unreadable.getMessage());
            return false;
        }
    }
}
