package io.tocsin.incident.intake.service;

/** More alerts are waiting to be stored than intake takes on: answered 503 with when to retry, nothing stored. */
public class OverloadedException extends RuntimeException {

    private final int retryAfterSeconds;

    public OverloadedException(int retryAfterSeconds) {
        super("Too many alerts are waiting to be stored; nothing was stored. Retry shortly.", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
