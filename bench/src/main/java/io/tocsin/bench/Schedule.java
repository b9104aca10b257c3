package io.tocsin.bench;

/**
 * A constant arrival schedule: request {@code i} is due {@code i / rate} seconds after the start, whatever happened
 * to the requests before it. Latency is measured from that due time, so a server that stalls pays for every request
 * that should have gone out meanwhile (no coordinated omission).
 */
record Schedule(int ratePerSecond, int seconds) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    Schedule {
        if (ratePerSecond <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("rate and seconds must be positive: " + ratePerSecond + "/s for " + seconds + " s");
        }
    }

    /** How many requests fall due over the whole schedule. */
    int total() {
        return Math.multiplyExact(ratePerSecond, seconds);
    }

    /** When request {@code i} is due, in nanoseconds after the start (rounded down: never later than exact). */
    long offsetNanos(int i) {
        return (long) i * NANOS_PER_SECOND / ratePerSecond;
    }

    /** How many requests are due by {@code elapsedNanos} after the start (those with an offset at or before it). */
    int dueBy(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        // offset(i) <= t  ⟺  floor(i·1e9/rate) <= t  ⟺  i·1e9 < (t+1)·rate  ⟺  i < (t+1)·rate/1e9
        long due = ((elapsedNanos + 1) * ratePerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return (int) Math.min(due, total());
    }

    long durationNanos() {
        return (long) seconds * NANOS_PER_SECOND;
    }
}
