package io.tocsin.escalation.schedule.model;

import java.time.Instant;

/**
 * A change for a time range [start, end): ADD someone beside whoever is on call, REPLACE someone (or, with no
 * {@code replaces}, everyone) by {@code responderId}, or REMOVE someone.
 */
public record OverrideRule(Kind kind, String responderId, String replaces, Instant start, Instant end) {

    public enum Kind { REPLACE, REMOVE, ADD }

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
