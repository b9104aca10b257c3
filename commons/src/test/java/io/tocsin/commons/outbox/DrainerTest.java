package io.tocsin.commons.outbox;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The wake-and-drain loop: no wake is lost, rounds never overlap, a full batch drains on at once. */
class DrainerTest {

    /** Rounds that stay open until the test completes them with "more" or "done". */
    private final Deque<CompletableFuture<Boolean>> open = new ArrayDeque<>();
    private int rounds;

    private Uni<Boolean> round() {
        rounds++;
        CompletableFuture<Boolean> round = new CompletableFuture<>();
        open.add(round);
        return Uni.createFrom().completionStage(round);
    }

    private Drainer drainer(boolean enabled) {
        return new Drainer("test", enabled, () -> Runnable::run, this::round);
    }

    @Test
    void aWakeDuringARoundIsFollowedByAnotherRoundNotAParallelOne() {
        Drainer drainer = drainer(true);
        drainer.wake();
        drainer.wake();
        drainer.wake();
        assertEquals(1, rounds, "one round at a time");

        open.poll().complete(false);
        assertEquals(2, rounds, "the wakes that came during the round are not lost");
        open.poll().complete(false);
        assertEquals(2, rounds, "nothing asked since: the loop sleeps");
    }

    @Test
    void aFullBatchDrainsOnWithoutAWake() {
        Drainer drainer = drainer(true);
        drainer.wake();
        open.poll().complete(true);
        open.poll().complete(true);
        open.poll().complete(false);
        assertEquals(3, rounds);
    }

    @Test
    void aFailedRoundDoesNotStopTheLoop() {
        Drainer drainer = drainer(true);
        drainer.wake();
        open.poll().completeExceptionally(new IllegalStateException("database away"));
        drainer.wake();
        assertEquals(2, rounds);
    }

    @Test
    void wakesBeforeEnablingWaitAndAPauseHoldsTheLoop() {
        Drainer drainer = drainer(false);
        drainer.wake();
        assertEquals(0, rounds, "not enabled yet");
        drainer.enable(true);
        assertEquals(1, rounds, "enabling drains what waited");
        open.poll().complete(false);

        drainer.pauseFor(Duration.ofHours(1));
        drainer.wake();
        assertEquals(1, rounds, "paused");
        drainer.pauseFor(Duration.ZERO);
        drainer.wake();
        assertEquals(2, rounds);
    }
}
