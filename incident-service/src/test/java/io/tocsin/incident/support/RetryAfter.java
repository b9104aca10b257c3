package io.tocsin.incident.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a client does with Retry-After: a whole number of seconds (RFC 9110), soon enough to be worth waiting for. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** Asserts {@code header} is delta-seconds between 1 and {@code max}; returns the seconds. */
    public static int assertSeconds(String header, int max) {
        assertNotNull(header, "Retry-After is missing");
        assertTrue(header.matches("[0-9]+"), "Retry-After must be a number of seconds, not '" + header + "'");
        int seconds = Integer.parseInt(header);
        assertTrue(seconds >= 1 && seconds <= max, "Retry-After " + seconds + " s is outside 1.." + max);
        return seconds;
    }
}
