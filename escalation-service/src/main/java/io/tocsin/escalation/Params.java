package io.tocsin.escalation;

import io.tocsin.commons.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Query parameters parsed by hand so that a bad value gets a clear 400 problem naming it. */
public final class Params {

    private Params() {
    }

    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Query parameter '" + name + "' must be an ISO-8601 instant like "
                    + "2026-11-27T10:00:00Z", List.of(name + ": not an instant"));
        }
    }

    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(400, "Query parameter '" + name + "' must be a UUID", List.of(name + ": not a UUID"));
        }
    }
}
