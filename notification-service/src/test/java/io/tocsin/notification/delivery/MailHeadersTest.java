package io.tocsin.notification.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Bursts;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alert text reaches mail headers (every subject carries the incident summary). A summary with line breaks must
 * neither inject headers nor make the mail library refuse the mail: each kind of mail (page, stakeholder update,
 * reminder) is delivered, and over IMAP it carries exactly the headers Tocsin set, the subject on one line.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class MailHeadersTest {

    /**
     * What a mail from Tocsin carries: Tocsin's own headers (Subject, From, To, Message-ID, X-Tocsin-Delivery) plus
     * what the mail library (Date, MIME-Version, Content-Type, an empty Cc) and the server (Received, Return-Path) add.
     */
    private static final Set<String> EXPECTED = new TreeSet<>(List.of("Subject", "From", "To", "Message-ID",
            "X-Tocsin-Delivery", "Date", "MIME-Version", "Content-Type", "Cc", "Received", "Return-Path"));

    @Inject
    ObjectMapper mapper;

    @Test
    void aPageWhoseSummaryHoldsCrLfArrivesWithItsHeadersOnly() throws Exception {
        String bob = Pages.mailbox("bob");
        Pages.publish(mapper, Envelope.of(Pages.page(bob, "en", Priority.P1, "checkout-api",
                injection("\r\n"), Duration.ofMinutes(15), 1), UUID.randomUUID(), Instant.now()));
        assertOnlyTocsinHeaders(bob, "[P1] checkout-api: disk full X-Injected: yes Reply-To: mallory@example.test");
    }

    @Test
    void aStakeholderUpdateWhoseSummaryHoldsLfArrivesWithItsHeadersOnly() throws Exception {
        String service = "disk-" + UUID.randomUUID().toString().substring(0, 6);
        String anna = Pages.mailbox("anna");
        String group = admin().contentType("application/json").body(Map.of("name", "board-" + service))
                .post("/api/v1/stakeholder-groups").then().statusCode(201).extract().path("id");
        admin().contentType("application/json").body(Map.of("name", "Anna", "email", anna, "locale", "en"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        admin().contentType("application/json").body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(201);
        Instant now = Instant.now();
        publish(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical", injection("\n"), "prometheus", "k",
                now.plusSeconds(900), List.of(), Actor.system()), UUID.randomUUID(), now));
        Bursts.windowPasses(anna, 1);
        assertOnlyTocsinHeaders(anna, "[P1] " + service + ": disk full X-Injected: yes Reply-To: mallory@example.test (New incident)");
    }

    @Test
    void aReminderWhoseSummaryHoldsCrArrivesWithItsHeadersOnly() throws Exception {
        String ann = Pages.mailbox("ann");
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        publish(Envelope.of(new IncidentTriggered("billing", Priority.P1, "critical", injection("\r"), null, "i",
                now.plusSeconds(900), List.of(), Actor.system()), incident, now));
        Actor annActor = new Actor(Actor.Kind.USER, "ann", "Ann", ann);
        publish(Envelope.of(new IncidentAcknowledged("billing", Priority.P1, injection("\r"), annActor, annActor),
                incident, now.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from incident_state where incident_id = ? and assignee_email = ?", incident, ann) == 1);
        TestDatabase.execute("update incident_state set last_update_at = now() - interval '31 minutes' where incident_id = ?", incident);
        assertOnlyTocsinHeaders(ann, "[P1] billing: disk full X-Injected: yes Reply-To: mallory@example.test (stakeholder update due)");
    }

    /** An alert summary as an attacker (or a careless exporter) writes it, with {@code lineBreak} between lines. */
    private static String injection(String lineBreak) {
        return "disk full" + lineBreak + "X-Injected: yes" + lineBreak + "Reply-To: mallory@example.test";
    }

    private static void assertOnlyTocsinHeaders(String address, String subject) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(address).size() == 1
                || TestDatabase.count("select count(*) from delivery where recipient = ? and state = 'DEAD'", address) > 0);
        assertEquals(0, TestDatabase.count("select count(*) from delivery where recipient = ? and state = 'DEAD'", address),
                "the mail to " + address + " was refused and given up (DEAD)");
        assertEquals(subject, TestMail.inbox(address).get(0).subject());
        Map<String, List<String>> headers = Pages.headers(address).get(0);
        assertEquals(EXPECTED, new TreeSet<>(headers.keySet()), "headers of the mail to " + address + ": " + headers);
        assertEquals(1, headers.get("Subject").size());
        assertTrue(headers.get("To").get(0).contains(address), headers.get("To").toString());
    }

    private void publish(Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(Topics.INCIDENT_EVENTS, event.incidentId().toString(), json);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin"));
    }
}
