package io.tocsin.incident.integration.service;

/** The integration key sent more requests this minute than it may; carries what the 429 answer tells the sender. */
public class RateLimitedException extends RuntimeException {

    private final int limit;
    private final int retryAfterSeconds;

    public RateLimitedException(int limit, int retryAfterSeconds) {
        super("Rate limit of " + limit + " requests per minute exceeded", null, false, false);
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int limit() {
        return limit;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
