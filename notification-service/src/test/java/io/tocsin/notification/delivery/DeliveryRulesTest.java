package io.tocsin.notification.delivery;

import io.tocsin.notification.delivery.service.Backoff;
import io.tocsin.notification.delivery.service.DeliveryFailure;
import io.vertx.ext.mail.SMTPException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which SMTP failures are retried, and how long the outbox waits between attempts. */
class DeliveryRulesTest {

    @Test
    void fiveHundredsArePermanentFourHundredsAndConnectionErrorsTransient() {
        DeliveryFailure rejected = DeliveryFailure.classify(new SMTPException("550 no such user", 550,
                List.of("550 5.1.1 no such user"), false));
        assertTrue(rejected.permanent());
        assertTrue(rejected.getMessage().startsWith("SMTP 550"), rejected.getMessage());

        assertFalse(DeliveryFailure.classify(new SMTPException("451 try later", 451, List.of("451 try later"), false))
                .permanent());
        DeliveryFailure refused = DeliveryFailure.classify(
                new RuntimeException("connect failed", new ConnectException("Connection refused")));
        assertFalse(refused.permanent());
        assertTrue(refused.getMessage().contains("unreachable"), refused.getMessage());
        assertTrue(DeliveryFailure.classify(new IllegalArgumentException("bad address")).permanent());
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        Duration base = Duration.ofSeconds(5);
        Duration max = Duration.ofMinutes(10);
        assertEquals(Duration.ofSeconds(5), Backoff.after(1, base, max, () -> 0.5));
        assertEquals(Duration.ofSeconds(10), Backoff.after(2, base, max, () -> 0.5));
        assertEquals(Duration.ofSeconds(40), Backoff.after(4, base, max, () -> 0.5));
        assertEquals(Duration.ofSeconds(4), Backoff.after(1, base, max, () -> 0.0));
        assertEquals(Duration.ofMillis(5999), Backoff.after(1, base, max, () -> 0.9995));
        assertEquals(max, Backoff.after(30, base, max, () -> 0.5));
        assertEquals(max, Backoff.after(500, base, max, () -> 0.99));
    }
}
