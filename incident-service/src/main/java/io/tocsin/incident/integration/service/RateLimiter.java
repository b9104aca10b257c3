package io.tocsin.incident.integration.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key request counts in fixed one-minute windows, kept in memory so intake never waits on a counter row, and
 * shared between replicas through the database by {@link RateLimits} once a second: each replica adds what it
 * counted and learns the total. Between two flushes a replica only knows its own share, so all replicas together
 * may let through up to a second's worth of requests more than the limit. Plain logic, no I/O: unit-tested.
 */
public final class RateLimiter {

    /** One key's current window. */
    static final class Window {
        final long minute;
        /** All replicas' count as of the last flush, this replica's included. */
        int shared;
        /** Counted here since the last flush. */
        int unflushed;

        Window(long minute) {
            this.minute = minute;
        }
    }

    /** Counts to add to the shared total: a key, its window, and how many. */
    public record Delta(UUID integrationId, long minute, int requests) {
    }

    private final Map<UUID, Window> windows = new ConcurrentHashMap<>();

    /**
     * Counts one request of {@code integrationId} at {@code now}; over {@code limit} per minute throws
     * {@link RateLimitedException} and counts nothing.
     */
    public void acquire(UUID integrationId, int limit, Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        Window window = windows.compute(integrationId, (id, w) -> w == null || w.minute != minute ? new Window(minute) : w);
        synchronized (window) {
            if (window.shared + window.unflushed >= limit) {
                throw new RateLimitedException(limit, secondsLeft(minute, now));
            }
            window.unflushed++;
        }
    }

    /** What this replica counted since the last flush; the counts move to "in flight" until {@link #flushed}. */
    public java.util.List<Delta> takeDeltas() {
        java.util.List<Delta> deltas = new java.util.ArrayList<>();
        windows.forEach((id, window) -> {
            synchronized (window) {
                if (window.unflushed > 0) {
                    deltas.add(new Delta(id, window.minute, window.unflushed));
                    // Counted as shared from now on: the flush adds it there, and learns the others' counts with it.
                    window.shared += window.unflushed;
                    window.unflushed = 0;
                }
            }
        });
        return deltas;
    }

    /** The database's total for a key's window after this replica's delta was added. */
    public void flushed(UUID integrationId, long minute, int total) {
        Window window = windows.get(integrationId);
        if (window == null) {
            return;
        }
        synchronized (window) {
            if (window.minute == minute) {
                window.shared = Math.max(window.shared, total);
            }
        }
    }

    /** Forgets windows of past minutes (keys that went quiet). */
    public void forgetBefore(Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        windows.values().removeIf(window -> window.minute < minute && window.unflushed == 0);
    }

    static int secondsLeft(long minute, Instant now) {
        long end = (minute + 1) * 60;
        return (int) Math.max(1, end - now.getEpochSecond());
    }
}
