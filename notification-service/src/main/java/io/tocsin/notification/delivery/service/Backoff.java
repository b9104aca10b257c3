package io.tocsin.notification.delivery.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter for the delivery outbox: base × 2^(attempts−1), capped, ±20 % jitter. */
public final class Backoff {

    private Backoff() {
    }

    /** The pause after the {@code attempts}-th failed attempt (1-based); {@code random} yields [0, 1). */
    public static Duration after(int attempts, Duration base, Duration max, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(attempts - 1, 30));
        double millis = Math.min((double) base.toMillis() * (1L << exponent), (double) max.toMillis());
        double jittered = millis * (0.8 + 0.4 * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(jittered, max.toMillis()))));
    }
}
