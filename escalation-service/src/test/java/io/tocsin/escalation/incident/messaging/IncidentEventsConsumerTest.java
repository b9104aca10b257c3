package io.tocsin.escalation.incident.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** incident-service's events, as they arrive over the real broker, become escalation state exactly once. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class IncidentEventsConsumerTest {

    private static final Actor INTEGRATION = new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null);
    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");

    @Inject
    ObjectMapper mapper;

    @Test
    void aTriggeredIncidentIsRecordedAndPagedOnceEvenWhenDeliveredTwice() throws Exception {
        String service = Api.unique("dup");
        Api.route(service, "P1", Api.policy(Api.unique("policy"), 0, 600, "RESPONDER:" + Api.responder(Api.unique("r"))));
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String triggered = publish(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical",
                "error rate 45%", "prometheus", "abc", now.plus(Duration.ofMinutes(15)),
                List.of(new Link("https://grafana.example.test/d/1", "Dashboard")), INTEGRATION), incident, now));
        awaitStatus(incident, "ACTIVE");

        // The same message again (Kafka redelivers after a crash); counted only once the service has consumed it.
        TestKafka.awaitConsumed(TestKafka.send(Topics.INCIDENT_EVENTS, incident.toString(), triggered), Duration.ofSeconds(30));
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/escalations/" + incident)
                .then().statusCode(200)
                .body("priority", equalTo("P1"))
                .body("service", equalTo(service))
                .body("summary", equalTo("error rate 45%"));
        assertEquals(1, TestDatabase.count("select count(*) from processed_event where event_id = ?::uuid",
                mapper.readTree(triggered).get("eventId").asText()));
        assertEquals(1, TestDatabase.count("select count(*) from outbox where message_key = ? and payload like ?",
                incident.toString(), "%\"type\":\"NotificationRequested\"%"), "one page, not two");
    }

    @Test
    void acknowledgeAndResolveMoveTheStateForward() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        publish(Envelope.of(new IncidentTriggered("search", Priority.P2, "error", "slow queries", null, "k",
                now.plus(Duration.ofHours(1)), List.of(), INTEGRATION), incident, now));
        awaitStatus(incident, "ACTIVE");
        publish(Envelope.of(new IncidentAcknowledged("search", Priority.P2, "slow queries", ALICE, ALICE), incident, now.plusSeconds(5)));
        awaitStatus(incident, "ACKNOWLEDGED");
        publish(Envelope.of(new IncidentResolved("search", Priority.P2, "slow queries", now, now.plusSeconds(5), ALICE), incident, now.plusSeconds(9)));
        awaitStatus(incident, "RESOLVED");
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndDoesNotBlockTheNextOne() throws Exception {
        UUID poisoned = UUID.randomUUID();
        TestKafka.send(Topics.INCIDENT_EVENTS, poisoned.toString(), "{this is not json");
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        publish(Envelope.of(new IncidentTriggered("search", Priority.P4, "info", "cert expires in 30 days", null,
                "cert", now.plus(Duration.ofHours(24)), List.of(), INTEGRATION), incident, now));
        awaitStatus(incident, "ACTIVE");
        assertEquals(1, TestKafka.await("tocsin.incident-events.escalation-dlq",
                r -> poisoned.toString().equals(r.key()), 1, Duration.ofSeconds(20)).size());
    }

    @Test
    void anUnknownIncidentIs404AndNeedsAToken() {
        given().get("/api/v1/escalations/" + UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/escalations/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private String publish(Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(Topics.INCIDENT_EVENTS, event.incidentId().toString(), json);
        return json;
    }

    private void awaitStatus(UUID incident, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("alice", "responder"))
                        .get("/api/v1/escalations/" + incident)
                        .then().statusCode(200).body("status", equalTo(status)));
    }
}
