package io.tocsin.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: one thread sends request {@code i} when it falls due on a {@link Schedule} and never
 * waits for an answer, so a slow server cannot slow the schedule down. Each answer's latency is measured from its
 * request's due time, not from when it was sent; how late each send was is recorded too, so a load generator that
 * could not keep up is visible rather than silently turning the test closed-loop.
 *
 * <p>One limit keeps the generator from drowning the machine it shares with the stack: at most {@code maxInFlight}
 * requests wait for an answer (each holds a connection). At the limit the sender waits, its lag grows, and the late
 * requests still count from their due time. Sending stops {@code giveUpNanos} after the schedule's end; what was
 * due and not sent by then is reported as such.
 */
final class OpenLoop {

    /** What came back for a request: the HTTP status, its Retry-After header (or null) and the incident it hit. */
    record Answer(int status, String retryAfter, String incidentId) {
    }

    /** The requests to send: the {@code i}-th, answered some time later (or failing with a timeout or an error). */
    interface Target {
        CompletableFuture<Answer> send(int i);
    }

    /** The clock the loop reads and sleeps on (System.nanoTime, or a simulated one in tests). */
    interface Ticker {
        long now();

        void sleepUntil(long nanoTime) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long now() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long nanoTime) throws InterruptedException {
                long wait;
                while ((wait = nanoTime - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
        };
    }

    private static final long CAP_POLL_NANOS = 200_000;
    private static final long WAIT_POLL_NANOS = 2_000_000;

    private final Ticker ticker;
    private final int maxInFlight;
    private final long giveUpNanos;
    private final long answerWaitNanos;

    /**
     * @param maxInFlight     requests waiting for an answer at most
     * @param giveUpNanos     how long after the schedule's end the sender may still catch up
     * @param answerWaitNanos how long after the last send to wait for answers (the requests' own timeout, and a bit)
     */
    OpenLoop(Ticker ticker, int maxInFlight, long giveUpNanos, long answerWaitNanos) {
        this.ticker = ticker;
        this.maxInFlight = maxInFlight;
        this.giveUpNanos = giveUpNanos;
        this.answerWaitNanos = answerWaitNanos;
    }

    LoadResult run(Schedule schedule, Target target) throws InterruptedException {
        int total = schedule.total();
        long start = ticker.now();
        LoadResult result = new LoadResult(schedule, start);
        Semaphore permits = new Semaphore(maxInFlight);
        AtomicInteger inFlight = new AtomicInteger();
        long stopSendingAt = start + schedule.durationNanos() + giveUpNanos;
        int mostInFlight = 0;
        for (int i = 0; i < total; i++) {
            long due = start + schedule.offsetNanos(i);
            long now = ticker.now();
            if (now < due) {
                ticker.sleepUntil(due);
                now = ticker.now();
            }
            boolean permitted = permits.tryAcquire();
            while (!permitted && now < stopSendingAt) {
                ticker.sleepUntil(now + CAP_POLL_NANOS);
                now = ticker.now();
                permitted = permits.tryAcquire();
            }
            if (now >= stopSendingAt) {
                if (permitted) {
                    permits.release();
                }
                break;
            }
            result.sent(i, now - due);
            mostInFlight = Math.max(mostInFlight, inFlight.incrementAndGet());
            CompletableFuture<Answer> answer;
            try {
                answer = target.send(i);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            int index = i;
            answer.whenComplete((a, failure) -> {
                long at = ticker.now();
                result.answered(index, due, at, a, failure);
                inFlight.decrementAndGet();
                permits.release();
            });
        }
        long sendingEnded = ticker.now();
        while (inFlight.get() > 0 && ticker.now() - sendingEnded < answerWaitNanos) {
            ticker.sleepUntil(ticker.now() + WAIT_POLL_NANOS);
        }
        result.finish(ticker.now(), mostInFlight);
        return result;
    }
}
