package io.tocsin.notification.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A page request from the real broker becomes exactly one real mail, readable over IMAP, in the recipient's language. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class PageDeliveryTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void anEnglishPageArrivesWithSubjectSummaryTimeLeftLinksAndStep() throws Exception {
        String bob = Pages.mailbox("bob");
        UUID incident = UUID.randomUUID();
        Envelope<NotificationRequested> event = Envelope.of(Pages.page(bob, "en", Priority.P1, "checkout-api",
                "error rate 45%", Duration.ofMinutes(12).plusSeconds(30), 2), incident, Instant.now());
        Pages.publish(mapper, event);

        List<TestMail.Mail> mails = awaitMail(bob, 1);
        TestMail.Mail mail = mails.get(0);
        assertEquals("[P1] checkout-api: error rate 45%", mail.subject());
        String body = mail.body();
        assertTrue(body.contains("error rate 45%"), body);
        assertTrue(body.contains("Service:      checkout-api"), "text part: " + body);
        assertTrue(body.contains("13 min left"), body);
        assertTrue(body.contains("(Europe/Berlin)"), body);
        assertTrue(body.contains("step 2"), body);
        assertTrue(body.contains("Runbook: https://runbooks.example.test/checkout"), body);
        assertTrue(body.contains("<a href=\"https://grafana.example.test/d/42\">Dashboard</a>"), "HTML part: " + body);
        assertTrue(body.contains("Acknowledge:  http://127.0.0.1:8083/a/"), body);
        assertTrue(body.contains("Resolve:      http://127.0.0.1:8083/a/"), body);

        // The delivery record, its Message-ID (from the outbox id) and the event saying it went out.
        JsonNode delivery = mapper.readTree(given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .queryParam("incident", incident.toString())
                .get("/api/v1/deliveries").then().statusCode(200).body("$", hasSize(1))
                .body("[0].state", equalTo("SENT")).body("[0].attempts", equalTo(1))
                .body("[0].audience", equalTo("RESPONDER")).body("[0].template", equalTo("page"))
                // Alice is a colleague: Bob's address is masked for her; Bob sees his own.
                .body("[0].recipient", equalTo(bob.charAt(0) + "***@example.test"))
                .body("[0].recipientId", equalTo("bob"))
                .extract().asString()).get(0);
        // Bob is known by his token's subject, whatever user name his identity provider shows.
        given().header("Authorization", TestTokens.bearerWithUsername("bob", "bob.builder", "responder"))
                .queryParam("incident", incident.toString())
                .get("/api/v1/deliveries").then().body("[0].recipient", equalTo(bob));
        String deliveryId = delivery.get("id").asText();
        assertEquals(List.of("<" + deliveryId + "@tocsin>"), Pages.messageIds(bob));

        List<ConsumerRecord<String, String>> delivered = TestKafka.await(Topics.NOTIFICATION_EVENTS,
                r -> r.value().contains(deliveryId), 1, Duration.ofSeconds(20));
        assertEquals(1, delivered.size());
        EventSchemaAssert.assertMatchesSchema(delivered.get(0).value());
        JsonNode data = mapper.readTree(delivered.get(0).value());
        assertEquals("NotificationDelivered", data.get("type").asText());
        assertEquals(incident.toString(), data.get("incidentId").asText());
        assertEquals(event.eventId().toString(), data.at("/data/sourceEventId").asText());
        assertEquals("RESPONDER", data.at("/data/audience").asText());
        assertEquals(1, data.at("/data/attempts").asInt());
        // The event goes on to status-service: Bob by id and name, never his address.
        assertEquals("bob", data.at("/data/recipientId").asText());
        assertEquals("EMAIL", data.at("/data/channel").asText());
        assertFalse(delivered.get(0).value().contains(bob), delivered.get(0).value());
    }

    @Test
    void aGermanRecipientGetsTheGermanPage() throws Exception {
        String anna = Pages.mailbox("anna");
        Pages.publish(mapper, Envelope.of(Pages.page(anna, "de-DE", Priority.P2, "search", "langsame Suche",
                Duration.ofMinutes(90), 1), UUID.randomUUID(), Instant.now()));

        TestMail.Mail mail = awaitMail(anna, 1).get(0);
        assertEquals("[P2] search: langsame Suche", mail.subject());
        assertTrue(mail.body().contains("Dienst:       search"), mail.body());
        assertTrue(mail.body().contains("noch 1 h 30 min"), mail.body());
        assertTrue(mail.body().contains("Bestätigen:   http://127.0.0.1:8083/a/"), mail.body());
        assertTrue(mail.body().contains(">Beheben</a>"), mail.body());
    }

    @Test
    void theSameRequestDeliveredTwiceSendsOneMail() throws Exception {
        String carol = Pages.mailbox("carol");
        UUID incident = UUID.randomUUID();
        String json = Pages.publish(mapper, Envelope.of(Pages.page(carol, "en", Priority.P1, "payments",
                "card declines", Duration.ofMinutes(15), 1), incident, Instant.now()));
        // The copy is counted only once the service has consumed it (its group committed past it): a delivery row
        // would exist by then, since rows commit with the consumed message.
        TestKafka.awaitConsumed(TestKafka.send(Topics.NOTIFICATION_REQUESTS, incident.toString(), json),
                Duration.ofSeconds(30));
        assertEquals(1, TestDatabase.count("select count(*) from delivery where incident_id = ?", incident));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and state = 'SENT'", incident) == 1);
        assertEquals(1, TestMail.inbox(carol).size());
        assertEquals(2, TestDatabase.count("select count(*) from action_link where incident_id = ?", incident));
    }

    @Test
    void thePageLeavesWithinMillisecondsOfTheCommit() throws Exception {
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String dave = Pages.mailbox("dave");
            UUID incident = UUID.randomUUID();
            Pages.publish(mapper, Envelope.of(Pages.page(dave, "en", Priority.P1, "checkout-api", "latency " + i,
                    Duration.ofMinutes(15), 1), incident, Instant.now()));
            awaitMail(dave, 1);
            // created_at is the inserting transaction's time, sent_at the marking one's: the gap is the wake-up plus
            // the SMTP round trip. The recovery poll runs every 10 s in tests, so only the post-commit wake-up
            // explains a gap this small.
            millis.add(TestDatabase.count("select (extract(epoch from sent_at - created_at) * 1000)::bigint "
                    + "from delivery where incident_id = ?", incident));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.println("Page row commit to SMTP accepted (ms), 5 pages: " + millis + ", median " + sorted.get(2));
        assertTrue(sorted.get(2) < 500, "median " + sorted.get(2) + " ms of " + millis);
    }

    @Test
    void aPermanentFailureIsDeadAndPublishedAsNotificationFailed() throws Exception {
        String invalid = "not an address";
        UUID incident = UUID.randomUUID();
        NotificationRequested request = new NotificationRequested(new Recipient("eve", "Eve", null, null, "en"),
                ContactMethod.email(invalid), "checkout-api", Priority.P3, "disk 80%", Instant.now().plusSeconds(3600),
                List.of(), 1, 0, "on call");
        Pages.publish(mapper, Envelope.of(request, incident, Instant.now()));

        List<ConsumerRecord<String, String>> failed = TestKafka.await(Topics.NOTIFICATION_EVENTS,
                r -> r.value().contains("NotificationFailed") && r.value().contains(incident.toString()), 1,
                Duration.ofSeconds(20));
        assertEquals(1, failed.size());
        EventSchemaAssert.assertMatchesSchema(failed.get(0).value());
        JsonNode data = mapper.readTree(failed.get(0).value()).get("data");
        assertTrue(data.get("permanent").asBoolean());
        assertEquals(1, data.get("attempts").asInt());
        given().header("Authorization", TestTokens.bearer("alice", "incident-commander"))
                .queryParam("incident", incident.toString())
                .get("/api/v1/deliveries").then().statusCode(200)
                .body("[0].state", equalTo("DEAD")).body("[0].attempts", equalTo(1));
    }

    @Test
    void aRequestThatCannotBeDeliveredGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        TestKafka.send(Topics.NOTIFICATION_REQUESTS, key, "{not json");
        assertEquals(1, TestKafka.await("tocsin.notification-requests.notification-dlq",
                r -> key.equals(r.key()), 1, Duration.ofSeconds(20)).size());
    }

    @Test
    void deliveriesNeedATokenARoleAndAnIncidentId() {
        String incident = UUID.randomUUID().toString();
        given().queryParam("incident", incident).get("/api/v1/deliveries")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).queryParam("incident", incident)
                .get("/api/v1/deliveries").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/deliveries").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'incident'"));
        given().header("Authorization", TestTokens.bearer("alice", "responder")).queryParam("incident", "nope")
                .get("/api/v1/deliveries").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'incident'"));
        given().header("Authorization", TestTokens.bearer("alice", "responder")).queryParam("incident", incident)
                .get("/api/v1/deliveries").then().statusCode(200).body("$", hasSize(0));
    }

    private static List<TestMail.Mail> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestMail.inbox(address).size() >= count);
        return TestMail.inbox(address);
    }
}
