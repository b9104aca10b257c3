package io.tocsin.status.privacy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.PersonErased;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Callers;
import io.tocsin.status.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People's addresses do not reach status-service's readers: not from current events (which carry none), not from
 * version 1 events still in Kafka (which did), not through postmortem prefills; and an erasure removes names.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class PrivacyTest {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final String SLACK = "https://hooks.slack.com/services/T0AAA/B0BBB/s3cr3tWebhookToken";

    private static String commander() {
        return TestTokens.bearer("carol", "incident-commander");
    }

    /** A version 1 notification event as notification-service used to publish it, with the address. */
    private static String version1(String type, UUID incident, Instant at, String audience, String kind,
                                   String address, String name, String extra) {
        return """
                {"eventId":"%s","type":"%s","version":1,"occurredAt":"%s","incidentId":"%s","data":{
                 "deliveryId":"%s","sourceEventId":null,"template":"page","audience":"%s",
                 "contact":{"kind":"%s","address":"%s","format":%s},"recipientName":"%s","attempts":1%s}}"""
                .formatted(UUID.randomUUID(), type, at, incident, UUID.randomUUID(), audience, kind, address,
                        kind.equals("WEBHOOK") ? "\"SLACK\"" : "null", name, extra);
    }

    @Test
    void aStakeholderReadsNoAddressOfAnyoneAndAnErasureRemovesTheName() {
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String service = "privacy-" + UUID.randomUUID().toString().substring(0, 6);
        String bob = "bob-" + UUID.randomUUID().toString().substring(0, 6);
        Events.publish(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical", "payments down", "prometheus",
                "k", t0.plusSeconds(900), List.of(), INTEGRATION), incident, t0));
        Events.publish(Envelope.of(new EscalationStepReached(service, Priority.P1, "payments down", "P1", 1, 0,
                List.of(new PersonRef(bob, "Bob Oncall"))), incident, t0.plusSeconds(1)));
        Events.publish(Envelope.of(new NotificationDelivered("d-1", null, "page", "RESPONDER", bob, "Bob Oncall",
                ContactMethod.Kind.WEBHOOK, 1), incident, t0.plusSeconds(2)));
        // Version 1 messages still in Kafka: a Slack page, a failed mail, a stakeholder update, all with addresses.
        TestKafka.send(Topics.NOTIFICATION_EVENTS, incident.toString(), version1("NotificationDelivered", incident,
                t0.plusSeconds(3), "RESPONDER", "WEBHOOK", SLACK, "Bob Oncall", ""));
        TestKafka.send(Topics.NOTIFICATION_EVENTS, incident.toString(), version1("NotificationFailed", incident,
                t0.plusSeconds(4), "RESPONDER", "EMAIL", "bob.private@example.com", "Bob Oncall",
                ",\"permanent\":true,\"reason\":\"SMTP 550 <bob.private@example.com> unknown; see " + SLACK + "\""));
        TestKafka.send(Topics.NOTIFICATION_EVENTS, incident.toString(), version1("NotificationDelivered", incident,
                t0.plusSeconds(5), "STAKEHOLDER", "EMAIL", "ceo.private@example.com", "Chief Executive", ""));
        Events.publish(Envelope.of(new IncidentAcknowledged(service, Priority.P1, "payments down", ALICE, ALICE),
                incident, t0.plusSeconds(60)));
        Events.publish(Envelope.of(new IncidentResolved(service, Priority.P1, "payments down", t0, t0.plusSeconds(60),
                ALICE), incident, t0.plusSeconds(600)));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from timeline_entry where incident_id = ?::uuid", incident.toString()) == 8);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestDatabase.count("select count(*) from postmortem where incident_id = ?::uuid", incident.toString()) == 1);
        List<String> ids = given().header("Authorization", commander()).queryParam("incidentId", incident.toString())
                .get("/api/v1/postmortems").then().statusCode(200).extract().path("id");
        String postmortem = ids.get(0);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Rotate the Slack hook\",\"owner\":\"bob\",\"dueDate\":\""
                        + LocalDate.now(ZoneOffset.UTC).plusDays(3) + "\",\"priority\":\"P2\"}")
                .post("/api/v1/postmortems/" + postmortem + "/action-items").then().statusCode(201);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + postmortem + "/submit").then().statusCode(200);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + postmortem + "/publish").then().statusCode(200);

        // Responders read the internal timeline: names, no addresses.
        String timeline = given().header("Authorization", TestTokens.bearer("dave", "responder"))
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body(containsString("Page delivered to Bob Oncall")).extract().asString();
        assertNoAddress(timeline);

        // Everything a stakeholder can read.
        String stakeholder = TestTokens.bearer("sam", "stakeholder");
        List<String> seen = List.of(
                given().header("Authorization", stakeholder).get("/api/v1/postmortems").then().statusCode(200).extract().asString(),
                given().header("Authorization", stakeholder).get("/api/v1/postmortems/" + postmortem).then().statusCode(200)
                        .body(containsString("Bob Oncall")).extract().asString(),
                given().header("Authorization", stakeholder).get("/api/v1/postmortems/" + postmortem + "/export.md")
                        .then().statusCode(200).body(containsString("Chief Executive")).extract().asString(),
                given().header("Authorization", stakeholder).get("/api/v1/action-items").then().statusCode(200).extract().asString(),
                given().get("/").then().statusCode(200).extract().asString(),
                given().get("/api/v1/status").then().statusCode(200).extract().asString(),
                given().get("/history.atom").then().statusCode(200).extract().asString());
        for (String response : seen) {
            assertNoAddress(response);
        }

        // Bob is erased (escalation-service deleted him): the timeline and the postmortem no longer name him.
        String erased = Events.publish(Envelope.of(new PersonErased(bob, PersonErased.Kind.RESPONDER), null, Instant.now()));
        TestKafka.send(Topics.PERSON_EVENTS, bob, erased);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", commander())
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body(not(containsString("Bob Oncall"))).body(containsString("Erased person")));
        given().header("Authorization", stakeholder).get("/api/v1/postmortems/" + postmortem + "/export.md").then()
                .body(not(containsString("Bob Oncall")))
                // Lines of people who were not erased keep their names.
                .body(containsString("Chief Executive"));
    }

    @Test
    void anErasureRemovesTheNameOfWhoPostedAPublicUpdate() {
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String cora = "cora-" + UUID.randomUUID().toString().substring(0, 6);
        Events.publish(Envelope.of(new IncidentTriggered("privacy-comms", Priority.P2, "error", "search slow",
                "prometheus", "k", t0.plusSeconds(3600), List.of(), INTEGRATION), incident, t0));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from incident_record where id = ?::uuid and service is not null", incident.toString()) == 1);
        // Cora speaks for the incident and is named nowhere else on its timeline.
        given().header("Authorization", Callers.named(cora, "Cora Comms", "communications")).contentType(ContentType.JSON)
                .body("{\"status\":\"investigating\",\"message\":\"Search is slow; we are on it.\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);
        given().header("Authorization", commander()).get("/api/v1/incidents/" + incident + "/timeline").then()
                .statusCode(200).body(containsString("Cora Comms"));

        String erased = Events.publish(Envelope.of(new PersonErased(cora, PersonErased.Kind.STAKEHOLDER), null,
                Instant.now()));
        TestKafka.send(Topics.PERSON_EVENTS, cora, erased);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", commander())
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body(not(containsString("Cora Comms"))).body(containsString("Erased person")));
    }

    private static void assertNoAddress(String response) {
        assertFalse(EMAIL.matcher(response).find(), "an email address in: " + response);
        assertFalse(response.contains("hooks.slack.com") || response.contains("s3cr3t"), "a webhook URL in: " + response);
        assertTrue(response.length() > 0);
    }
}
