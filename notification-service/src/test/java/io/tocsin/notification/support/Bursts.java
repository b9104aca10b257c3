package io.tocsin.notification.support;

import io.tocsin.local.testing.TestDatabase;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A stakeholder's "new incident" mail waits for the burst window (an hour in tests) before it leaves. Tests do not
 * wait: they let the window pass by moving the waiting rows back in time, as other timer tests here do.
 */
public final class Bursts {

    private Bursts() {
    }

    /** Waits until {@code address} has {@code count} waiting mails, then lets their window pass. */
    public static void windowPasses(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> TestDatabase.count(
                "select count(*) from delivery where recipient = ? and state = 'WAITING'", address) >= count);
        TestDatabase.execute("update delivery set created_at = created_at - interval '2 hours' "
                + "where recipient = ? and state = 'WAITING'", address);
    }
}
