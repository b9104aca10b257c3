package io.tocsin.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Envelope;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestMail;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm protection with the default limits (10 mails per recipient per 10 minutes, 20 per incident): what is over
 * the limit is held and goes out as one digest after 15 minutes (simulated by moving the held rows back in time);
 * P1 pages are never held.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class RateLimitTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aRecipientGetsTenMailsThenOneDigestOfTheRest() throws Exception {
        String storm = Pages.mailbox("storm");
        for (int i = 1; i <= 12; i++) {
            Pages.publish(mapper, Envelope.of(Pages.page(storm, "en", Priority.P2, "search", "alert " + i,
                    Duration.ofHours(1), 1), UUID.randomUUID(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from delivery where recipient = ?", storm) == 12);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(storm).size() == 10);
        assertEquals(2, TestDatabase.count("select count(*) from delivery where recipient = ? and state = 'HELD'", storm));
        Thread.sleep(2000);
        assertEquals(10, TestMail.inbox(storm).size(), "held mail waits for the digest");

        // 16 minutes later (simulated): one digest with both held pages.
        TestDatabase.execute("update delivery set created_at = created_at - interval '16 minutes' "
                + "where recipient = ? and state = 'HELD'", storm);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(storm).size() == 11);
        TestMail.Mail digest = TestMail.inbox(storm).get(10);
        assertEquals("[Tocsin] 2 notifications held back (digest)", digest.subject());
        assertTrue(digest.body().contains("[P2] search: alert 11") && digest.body().contains("[P2] search: alert 12"),
                digest.body());
        assertEquals(2, TestDatabase.count("select count(*) from delivery where recipient = ? and state = 'DIGESTED' "
                + "and digest_id is not null", storm));
        Thread.sleep(2000);
        assertEquals(11, TestMail.inbox(storm).size(), "one digest, not one per held mail");
    }

    @Test
    void p1PagesAreNeverHeld() throws Exception {
        String oncall = Pages.mailbox("p1");
        for (int i = 1; i <= 12; i++) {
            Pages.publish(mapper, Envelope.of(Pages.page(oncall, "en", Priority.P1, "checkout-api", "down " + i,
                    Duration.ofMinutes(15), 1), UUID.randomUUID(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.inbox(oncall).size() == 12);
        assertEquals(0, TestDatabase.count("select count(*) from delivery where recipient = ? and state = 'HELD'", oncall));
    }

    @Test
    void anIncidentCausesAtMostTwentyMails() throws Exception {
        UUID incident = UUID.randomUUID();
        for (int i = 1; i <= 22; i++) {
            Pages.publish(mapper, Envelope.of(Pages.page(Pages.mailbox("team" + i), "en", Priority.P3, "batch",
                    "job late", Duration.ofHours(4), 1), incident, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and state = 'SENT'", incident) == 20);
        assertEquals(2, TestDatabase.count("select count(*) from delivery where incident_id = ? and state = 'HELD'", incident));
    }
}
