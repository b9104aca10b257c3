package io.tocsin.notification.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the delivery outbox is drained and retried. */
@ConfigMapping(prefix = "tocsin.delivery")
public interface DeliveryConfig {

    /** How often every replica looks for due retries; new rows wake the sender at once after their commit. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows claimed per round trip. */
    @WithDefault("20")
    int batchSize();

    /** Sends (mails and webhook posts) under way at once per replica. */
    @WithDefault("32")
    int maxInFlight();

    /**
     * How long a claimed row is hidden from other replicas while it is being sent; a replica that dies mid-send
     * leaves the row to be retried after this (so it must exceed the SMTP timeout with its retries).
     */
    @WithDefault("2m")
    Duration claimLease();

    /**
     * How long a stopping replica waits for the sends it has under way, so that each records its outcome before the
     * database pool closes; a send still running after this keeps its row hidden for the rest of the claim lease.
     */
    @WithDefault("5s")
    Duration shutdownWait();

    /** First pause after a transient failure; it doubles per attempt, with jitter. */
    @WithDefault("5s")
    Duration backoffBase();

    /** Longest pause between two attempts. */
    @WithDefault("10m")
    Duration backoffMax();

    /** Attempts before a delivery that keeps failing transiently is declared DEAD. */
    @WithDefault("20")
    int maxAttempts();
}
