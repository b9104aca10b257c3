package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.IntToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator on simulated time: what it sends when, and what it measures, exactly. */
class OpenLoopTest {

    private static final long MS = 1_000_000;

    /** A clock that jumps from event to event: a sleep runs every answer due before it wakes. */
    static final class SimulatedTime implements OpenLoop.Ticker {
        private record Event(long at, long seq, Runnable action) {
        }

        private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at
                ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
        private long now = 1_000 * MS;
        private long seq;

        @Override
        public long now() {
            return now;
        }

        @Override
        public void sleepUntil(long nanoTime) {
            while (!events.isEmpty() && events.peek().at <= nanoTime) {
                Event e = events.poll();
                now = Math.max(now, e.at);
                e.action.run();
            }
            now = Math.max(now, nanoTime);
        }

        void at(long nanoTime, Runnable action) {
            events.add(new Event(nanoTime, seq++, action));
        }
    }

    private final SimulatedTime time = new SimulatedTime();

    /** A server that answers 202 after {@code serviceNanos(sendTime)}, without ever blocking the sender. */
    private OpenLoop.Target server(IntToLongFunction answerAt) {
        return i -> {
            CompletableFuture<OpenLoop.Answer> answer = new CompletableFuture<>();
            time.at(answerAt.applyAsLong(i), () -> answer.complete(new OpenLoop.Answer(202, null, "incident-" + (i % 3))));
            return answer;
        };
    }

    private OpenLoop loop(int maxInFlight) {
        return new OpenLoop(time, maxInFlight, 200 * MS, 12_000 * MS);
    }

    @Test
    void aServerThatStallsDoesNotSlowTheScheduleAndPaysForEveryRequestDueMeanwhile() throws Exception {
        long start = time.now();
        // 100/s for 1 s; answers take 5 ms, but from 100 ms to 600 ms the server stalls: nothing is answered before 600 ms.
        LoadResult r = loop(1000).run(new Schedule(100, 1), server(i -> {
            long sent = time.now();
            long stallEnd = start + 600 * MS;
            return (sent >= start + 100 * MS && sent < stallEnd ? stallEnd : sent) + 5 * MS;
        }));

        assertEquals(100, r.due());
        assertEquals(100, r.sent());
        assertEquals(100, r.accepted());
        assertEquals(0, Percentiles.of(r.lagMillis()).max(), "every request went out on time, stall or not");
        double[] latency = r.latencyMillis(s -> s == 202);
        assertEquals(5, latency[0], 1e-9);
        assertEquals(505, latency[10], 1e-9, "due at 100 ms, answered at 605 ms");
        assertEquals(15, latency[59], 1e-9, "due at 590 ms, answered at 605 ms");
        assertEquals(5, latency[60], 1e-9);
        // A closed-loop client would have sent one request into the stall and seen one slow answer; here all 50
        // requests due during it are slow.
        assertEquals(50, countAbove(latency, 5.5));
        assertEquals(100, r.achievedPerSecond(), 1e-9);
        assertEquals(3, r.firstAcceptedAt().size());
    }

    @Test
    void aSenderThatCannotKeepUpShowsItsLagAndCountsFromTheDueTime() throws Exception {
        // Each send blocks the sender for 15 ms of a 10 ms interval: request i goes out 5·i ms late.
        OpenLoop.Target slowToSend = i -> {
            time.sleepUntil(time.now() + 15 * MS);
            return CompletableFuture.completedFuture(new OpenLoop.Answer(202, null, "one"));
        };
        LoadResult r = loop(1000).run(new Schedule(100, 1), slowToSend);

        // It may catch up until 200 ms after the schedule's end: sends start at 0, 15, 30 … ms, the 81st at 1200 ms.
        assertEquals(100, r.due());
        assertEquals(80, r.sent());
        assertEquals(20, r.notAccepted(), "what was due and never sent is not accepted");
        double[] lag = r.lagMillis();
        assertEquals(0, lag[0], 1e-9);
        assertEquals(395, lag[79], 1e-9);
        double[] latency = r.latencyMillis(s -> s == 202);
        assertEquals(410, latency[79], 1e-9, "5·79 ms late to send plus the 15 ms send itself");
    }

    @Test
    void atTheInFlightLimitTheSenderWaitsAndTheWaitIsLatency() throws Exception {
        // 100/s, every answer after 50 ms, at most 2 in flight: the generator itself becomes the bottleneck.
        LoadResult r = loop(2).run(new Schedule(100, 1), server(i -> time.now() + 50 * MS));

        assertEquals(2, r.mostInFlight());
        assertTrue(Percentiles.of(r.lagMillis()).max() > 100, "the lag says the generator fell behind");
        assertTrue(r.achievedPerSecond() < 50, "two at a time, 50 ms each: at most 40/s");
        double[] latency = r.latencyMillis(s -> s == 202);
        assertEquals(50, latency[0], 1e-9);
        assertTrue(latency[latency.length - 1] > 500, "the last ones waited for the limit, measured from their due time");
    }

    @Test
    void timeoutsErrorsAndRejectionsAreToldApart() throws Exception {
        OpenLoop.Target mixed = i -> switch (i % 5) {
            case 0 -> CompletableFuture.failedFuture(new TimeoutException("The timeout period of 10000ms has been exceeded"));
            case 1 -> CompletableFuture.failedFuture(new IOException("connection refused"));
            case 2 -> CompletableFuture.completedFuture(new OpenLoop.Answer(429, "1", null));
            case 3 -> CompletableFuture.completedFuture(new OpenLoop.Answer(503, "Wed, 21 Oct 2026 07:28:00 GMT", null));
            default -> CompletableFuture.completedFuture(new OpenLoop.Answer(202, null, "x"));
        };
        LoadResult r = loop(1000).run(new Schedule(50, 1), mixed);

        assertEquals(10, r.count(LoadResult.TIMEOUT));
        assertEquals(10, r.count(LoadResult.ERROR));
        assertEquals(30, r.answered(), "timeouts and errors are not answers");
        assertEquals(10, r.count(429));
        assertEquals(10, r.count(503));
        assertEquals(20, r.rejected());
        assertEquals(10, r.accepted());
        assertEquals(0, r.other());
        assertEquals(0.5, r.retryAfterShare(), 1e-9, "the 429s said 1 s; the 503s gave a date");
        assertTrue(r.firstError().contains("TimeoutException"));
    }

    @Test
    void answersThatNeverComeAreReportedAsUnanswered() throws Exception {
        LoadResult r = loop(1000).run(new Schedule(10, 1), i -> new CompletableFuture<>());
        assertEquals(10, r.sent());
        assertEquals(0, r.answered());
        assertEquals(10, r.count(LoadResult.WAITING));
        assertEquals(0, r.achievedPerSecond(), 1e-9);
    }

    private static int countAbove(double[] values, double limit) {
        int n = 0;
        for (double v : values) {
            n += v > limit ? 1 : 0;
        }
        return n;
    }
}
