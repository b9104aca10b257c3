package io.tocsin.incident.integration;

import io.tocsin.incident.integration.service.RateLimitedException;
import io.tocsin.incident.integration.service.RateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The in-memory side of the per-key rate limits: windows, the answer's Retry-After, and what other replicas count. */
class RateLimiterTest {

    private static final Instant MINUTE = Instant.parse("2026-11-30T10:15:00Z");
    private final RateLimiter limiter = new RateLimiter();
    private final UUID key = UUID.randomUUID();

    @Test
    void theLimitHoldsWithinAMinuteAndTheSenderIsToldWhenItEnds() {
        limiter.acquire(key, 2, MINUTE.plusSeconds(1));
        limiter.acquire(key, 2, MINUTE.plusSeconds(2));
        RateLimitedException refused = assertThrows(RateLimitedException.class,
                () -> limiter.acquire(key, 2, MINUTE.plusSeconds(20)));
        assertEquals(40, refused.retryAfterSeconds(), "the window ends at the next full minute");
        assertEquals(2, refused.limit());
    }

    @Test
    void aNewMinuteStartsAFreshWindow() {
        limiter.acquire(key, 1, MINUTE.plusSeconds(59));
        assertThrows(RateLimitedException.class, () -> limiter.acquire(key, 1, MINUTE.plusSeconds(59)));
        limiter.acquire(key, 1, MINUTE.plusSeconds(60));
    }

    @Test
    void whatOtherReplicasCountedIsLearnedAtTheFlushAndCountsAgainstTheLimit() {
        limiter.acquire(key, 10, MINUTE.plusSeconds(1));
        limiter.acquire(key, 10, MINUTE.plusSeconds(1));
        List<RateLimiter.Delta> deltas = limiter.takeDeltas();
        assertEquals(List.of(new RateLimiter.Delta(key, MINUTE.getEpochSecond() / 60, 2)), deltas);
        assertEquals(List.of(), limiter.takeDeltas(), "counted once");
        // The database says: with the other replica's 7, this window holds 9 requests.
        limiter.flushed(key, MINUTE.getEpochSecond() / 60, 9);
        limiter.acquire(key, 10, MINUTE.plusSeconds(2));
        assertThrows(RateLimitedException.class, () -> limiter.acquire(key, 10, MINUTE.plusSeconds(3)));
    }

    @Test
    void keysHaveTheirOwnWindows() {
        UUID other = UUID.randomUUID();
        limiter.acquire(key, 1, MINUTE);
        assertThrows(RateLimitedException.class, () -> limiter.acquire(key, 1, MINUTE));
        limiter.acquire(other, 1, MINUTE);
    }

    @Test
    void quietKeysAreForgotten() {
        limiter.acquire(key, 1, MINUTE);
        limiter.takeDeltas();
        limiter.forgetBefore(MINUTE.plusSeconds(120));
        limiter.flushed(key, MINUTE.getEpochSecond() / 60, 99);
        limiter.acquire(key, 1, MINUTE.plusSeconds(120));
    }
}
