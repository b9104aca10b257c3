package io.tocsin.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Envelope;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import io.tocsin.notification.support.StandIns;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMTP goes away (the cable to the real GreenMail is pulled: connection refused) and comes back: pages wait in the
 * outbox, readiness stays UP but reports the degradation, and after recovery every mail arrives exactly once.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class SmtpOutageTest {

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void plugBackIn() {
        StandIns.restoreSmtp();
    }

    @Test
    void mailWaitsWhileSmtpIsUnreachableAndIsDeliveredExactlyOnceAfterwards() throws Exception {
        StandIns.cutSmtp();
        List<String> mailboxes = new ArrayList<>();
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String mailbox = Pages.mailbox("oncall" + i);
            UUID incident = UUID.randomUUID();
            mailboxes.add(mailbox);
            incidents.add(incident);
            Pages.publish(mapper, Envelope.of(Pages.page(mailbox, "en", Priority.P1, "checkout-api",
                    "outage " + i, Duration.ofMinutes(15), 1), incident, Instant.now()));
        }

        // Every page failed transiently (refused, or held back by the open breaker) and waits for its next attempt;
        // nothing is DEAD or lost.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TestDatabase.count(
                "select count(*) from delivery where incident_id = any(?::uuid[]) and state = 'FAILED' and last_error is not null",
                ids(incidents))));
        assertTrue(TestDatabase.count("select count(*) from delivery where incident_id = any(?::uuid[]) and attempts >= 1",
                ids(incidents)) >= 1);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'smtp' }.data.smtp", equalTo("degraded"));
        String lastError = given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'smtp' }.data.lastError");
        assertTrue(lastError == null || lastError.contains("unreachable") || lastError.contains("breaker"), lastError);
        for (String mailbox : mailboxes) {
            assertEquals(0, TestMail.inbox(mailbox).size());
        }

        StandIns.restoreSmtp();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(3, TestDatabase.count(
                "select count(*) from delivery where incident_id = any(?::uuid[]) and state = 'SENT'", ids(incidents))));
        // Let any duplicate show up before counting.
        Thread.sleep(1500);
        for (String mailbox : mailboxes) {
            assertEquals(1, TestMail.inbox(mailbox).size(), mailbox);
        }
        assertEquals(3, TestKafka.await(Topics.NOTIFICATION_EVENTS, r -> r.value().contains("NotificationDelivered")
                && incidents.stream().anyMatch(id -> r.value().contains(id.toString())), 3, Duration.ofSeconds(20)).size());
        assertEquals(0, TestKafka.await(Topics.NOTIFICATION_EVENTS, r -> r.value().contains("NotificationFailed")
                && incidents.stream().anyMatch(id -> r.value().contains(id.toString())), 0, Duration.ofSeconds(2)).size());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'smtp' }.data.smtp", equalTo("ok")));
    }

    private static String ids(List<UUID> incidents) {
        return "{" + String.join(",", incidents.stream().map(UUID::toString).toList()) + "}";
    }
}
