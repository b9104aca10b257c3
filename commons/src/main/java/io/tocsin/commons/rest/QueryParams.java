package io.tocsin.commons.rest;

import io.tocsin.commons.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Query parameters are taken as strings and parsed here, so a bad value gets a 400 problem that names the parameter
 * (JAX-RS would answer a failed conversion of a query parameter with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An ISO-8601 instant, or {@code fallback} when the parameter is absent or blank. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Query parameter '" + name + "' must be an ISO-8601 instant like "
                    + "2026-11-27T10:00:00Z", List.of(name + ": not an instant"));
        }
    }

    /** A UUID; absent counts as invalid. */
    public static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value == null ? "" : value.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Query parameter '" + name + "' must be a UUID",
                    List.of(name + ": not a UUID"));
        }
    }
}
