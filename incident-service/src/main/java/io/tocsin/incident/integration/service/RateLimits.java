package io.tocsin.incident.integration.service;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.integration.model.Integration;
import io.tocsin.incident.integration.repository.RateLimitRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Per-key rate limits for intake: counted in memory ({@link RateLimiter}), shared with the other replicas through
 * PostgreSQL once a second. Only requests that passed authentication (and their signature, where one is required)
 * are counted against the key's limit; requests with a bad signature have a small limit of their own, so whoever
 * saw a key cannot spend its window with garbage.
 */
@ApplicationScoped
public class RateLimits {

    /** Requests per minute a key may send with a bad signature before those are refused unchecked. */
    static final int BAD_SIGNATURES_PER_MINUTE = 30;

    private final RateLimiter verified = new RateLimiter();
    private final RateLimiter badSignatures = new RateLimiter();
    private final RateLimitRepository repository;

    public RateLimits(RateLimitRepository repository) {
        this.repository = repository;
    }

    /** Counts one authenticated (and verified) request; throws {@link RateLimitedException} over the limit. */
    public void count(Integration integration) {
        verified.acquire(integration.id, integration.rateLimitPerMinute, Instant.now());
    }

    /** Counts one request with a bad signature; throws {@link RateLimitedException} when there were too many. */
    public void countBadSignature(Integration integration) {
        badSignatures.acquire(integration.id, BAD_SIGNATURES_PER_MINUTE, Instant.now());
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> share() {
        List<RateLimiter.Delta> deltas = verified.takeDeltas();
        if (deltas.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(deltas)
                .onItem().transformToUniAndConcatenate(delta -> repository.add(delta.integrationId(), delta.minute(),
                                delta.requests())
                        .invoke(total -> verified.flushed(delta.integrationId(), delta.minute(), total)))
                .collect().last()
                .onFailure().invoke(failure -> Log.warnf("Rate limit counts not shared this time: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        Instant now = Instant.now();
        verified.forgetBefore(now);
        badSignatures.forgetBefore(now);
        return repository.prune().replaceWithVoid();
    }
}
