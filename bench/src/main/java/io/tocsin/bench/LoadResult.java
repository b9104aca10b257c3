package io.tocsin.bench;

import java.io.PrintStream;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.IntPredicate;

/**
 * What one open-loop run saw, request by request: whether it was sent and how late, what came back and how long
 * after its due time. Each request's slots are written once, by the thread that saw its answer; the loop reads them
 * after the last answer (its in-flight counter orders the writes before the reads).
 */
final class LoadResult {

    static final int NOT_SENT = 0;
    static final int WAITING = -3;
    static final int TIMEOUT = -1;
    static final int ERROR = -2;

    private final Schedule schedule;
    private final long start;
    private final int[] status;
    private final long[] lagNanos;
    private final long[] latencyNanos;
    private final long[] answeredAt;
    private final boolean[] retryAfterValid;
    private final String[] incidentId;
    private volatile String firstError;
    private long finishedAt;
    private int mostInFlight;

    LoadResult(Schedule schedule, long start) {
        this.schedule = schedule;
        this.start = start;
        int n = schedule.total();
        status = new int[n];
        lagNanos = new long[n];
        latencyNanos = new long[n];
        answeredAt = new long[n];
        retryAfterValid = new boolean[n];
        incidentId = new String[n];
    }

    void sent(int i, long lag) {
        status[i] = WAITING;
        lagNanos[i] = lag;
    }

    void answered(int i, long due, long at, OpenLoop.Answer answer, Throwable failure) {
        latencyNanos[i] = at - due;
        answeredAt[i] = at;
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            status[i] = isTimeout(cause) ? TIMEOUT : ERROR;
            if (firstError == null) {
                firstError = cause.toString();
            }
            return;
        }
        retryAfterValid[i] = RetryAfter.isPositiveSeconds(answer.retryAfter());
        incidentId[i] = answer.incidentId();
        status[i] = answer.status();
    }

    void finish(long at, int mostInFlight) {
        this.finishedAt = at;
        this.mostInFlight = mostInFlight;
    }

    Schedule schedule() {
        return schedule;
    }

    long start() {
        return start;
    }

    int due() {
        return status.length;
    }

    int sent() {
        return countWhere(s -> s != NOT_SENT);
    }

    int answered() {
        return countWhere(s -> s > 0);
    }

    int count(int httpStatus) {
        return countWhere(s -> s == httpStatus);
    }

    int accepted() {
        return count(202);
    }

    /** Every request that was due and did not get a 202: other answers, timeouts, errors, unsent, unanswered. */
    int notAccepted() {
        return due() - accepted();
    }

    int rejected() {
        return countWhere(LoadResult::isRejection);
    }

    int other() {
        return countWhere(s -> s > 0 && s != 202 && !isRejection(s));
    }

    int status(int i) {
        return status[i];
    }

    String incidentId(int i) {
        return incidentId[i];
    }

    long answeredAt(int i) {
        return answeredAt[i];
    }

    String firstError() {
        return firstError;
    }

    int mostInFlight() {
        return mostInFlight;
    }

    /** No answer in time (the client's own request timeout), as opposed to a network error. */
    static boolean isTimeout(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException || cause instanceof HttpTimeoutException;
    }

    static boolean isRejection(int httpStatus) {
        return httpStatus == 429 || httpStatus == 503;
    }

    /** Latency from due time of the answers whose status passes the filter, in milliseconds. */
    double[] latencyMillis(IntPredicate statusFilter) {
        double[] ms = new double[countWhere(statusFilter)];
        int k = 0;
        for (int i = 0; i < status.length; i++) {
            if (statusFilter.test(status[i])) {
                ms[k++] = latencyNanos[i] / 1e6;
            }
        }
        return ms;
    }

    /** How late each sent request went out, in milliseconds. */
    double[] lagMillis() {
        double[] ms = new double[sent()];
        int k = 0;
        for (int i = 0; i < status.length; i++) {
            if (status[i] != NOT_SENT) {
                ms[k++] = lagNanos[i] / 1e6;
            }
        }
        return ms;
    }

    /**
     * 202s per second over the schedule's duration, or until the last 202 when that came later: a server that keeps
     * up achieves the scheduled rate, one that falls behind stretches the span and achieves less.
     */
    double achievedPerSecond() {
        long span = Math.max(lastAcceptedAt() - start, schedule.durationNanos());
        return accepted() / (span / 1e9);
    }

    long lastAcceptedAt() {
        long last = start;
        for (int i = 0; i < status.length; i++) {
            if (status[i] == 202) {
                last = Math.max(last, answeredAt[i]);
            }
        }
        return last;
    }

    /** Each incident the 202s named, with the moment its first 202 came back. */
    Map<String, Long> firstAcceptedAt() {
        Map<String, Long> first = new HashMap<>();
        for (int i = 0; i < status.length; i++) {
            if (status[i] == 202 && incidentId[i] != null) {
                first.merge(incidentId[i], answeredAt[i], Math::min);
            }
        }
        return first;
    }

    /** Share (0..1) of the 429 and 503 answers that carried Retry-After as a positive number of seconds. */
    double retryAfterShare() {
        int rejected = 0;
        int valid = 0;
        for (int i = 0; i < status.length; i++) {
            if (isRejection(status[i])) {
                rejected++;
                valid += retryAfterValid[i] ? 1 : 0;
            }
        }
        return rejected == 0 ? Double.NaN : (double) valid / rejected;
    }

    /** p99 of 202 latency in ms, or infinity when nothing was accepted. */
    double acceptedP99() {
        double[] ms = latencyMillis(s -> s == 202);
        return ms.length == 0 ? Double.POSITIVE_INFINITY : Percentiles.of(ms).p99();
    }

    /** The intake report every load benchmark prints. */
    void print(PrintStream out, int alertsPerRequest, double generatorCpuPercent) {
        out.printf("  requests   due %d  sent %d  answered %d%s%n", due(), sent(), answered(),
                alertsPerRequest > 1 ? "   (" + alertsPerRequest + " alerts in each)" : "");
        double achieved = achievedPerSecond();
        out.printf("  achieved   %.1f accepted/s%s (scheduled %d/s for %d s)%n", achieved,
                alertsPerRequest > 1 ? String.format(" = %.0f alerts/s", achieved * alertsPerRequest) : "",
                schedule.ratePerSecond(), schedule.seconds());
        out.printf("  answers    202: %d · 429: %d · 503: %d · other: %d · timeouts: %d · errors: %d · unanswered: %d%n",
                accepted(), count(429), count(503), other(), count(TIMEOUT), count(ERROR), count(WAITING));
        if (firstError != null) {
            out.println("             first error: " + firstError);
        }
        double[] ok = latencyMillis(s -> s == 202);
        if (ok.length > 0) {
            out.println("  202 latency from due time  " + Percentiles.of(ok));
        }
        double[] lag = lagMillis();
        if (lag.length > 0) {
            Percentiles p = Percentiles.of(lag);
            out.printf("  sender     behind schedule p50 %s · p99 %s · max %s ms; at most %d in flight; load generator %.0f %% of one core%n",
                    Percentiles.ms(p.p50()), Percentiles.ms(p.p99()), Percentiles.ms(p.max()), mostInFlight,
                    generatorCpuPercent);
        }
    }

    private int countWhere(IntPredicate filter) {
        int n = 0;
        for (int s : status) {
            if (filter.test(s)) {
                n++;
            }
        }
        return n;
    }
}
