package io.tocsin.incident.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic webhook against real PostgreSQL and Kafka: what a monitoring tool and a consumer would see. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class GenericWebhookTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private String key;

    @BeforeEach
    void createIntegration() {
        key = given().header("Authorization", TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Generic\",\"kind\":\"generic\",\"service\":\"checkout-api\"}")
                .post("/api/v1/integrations")
                .then().statusCode(201)
                .body("key", notNullValue())
                .body("webhookPath", notNullValue())
                .extract().path("key");
    }

    @Test
    void aCriticalAlertOpensAP1IncidentAndPublishesIncidentTriggered() throws Exception {
        String dedupKey = "disk-full-" + UUID.randomUUID();
        Instant before = Instant.now();
        String incidentId = given().contentType(ContentType.JSON)
                .body("{\"summary\":\"Disk full on db-1\",\"dedup_key\":\"" + dedupKey + "\",\"severity\":\"critical\","
                        + "\"source\":\"db-1\",\"links\":[{\"href\":\"https://runbooks.example.test/disk\",\"text\":\"Runbook\"}]}")
                .post("/api/v1/integrations/" + key + "/generic")
                .then().statusCode(202)
                .body("status", equalTo("triggered"))
                .body("dedupKey", equalTo(dedupKey))
                .extract().path("incidentId");
        Instant after = Instant.now();

        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + incidentId)
                .then().statusCode(200)
                .body("priority", equalTo("P1"))
                .body("service", equalTo("checkout-api"))
                .body("status", equalTo("TRIGGERED"))
                .body("alertCount", equalTo(1));

        List<ConsumerRecord<String, String>> events = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, events.size(), "exactly one event for the new incident");
        String json = events.get(0).value();
        EventSchemaAssert.assertMatchesSchema(json);
        JsonNode event = mapper.readTree(json);
        assertEquals("IncidentTriggered", event.get("type").asText());
        assertEquals(incidentId, event.get("incidentId").asText());
        assertEquals("P1", event.at("/data/priority").asText());
        Instant respondBy = Instant.parse(event.at("/data/respondBy").asText());
        assertTrue(!respondBy.isBefore(before.plus(Duration.ofMinutes(15)))
                        && !respondBy.isAfter(after.plus(Duration.ofMinutes(15))),
                "P1 must be acknowledged within 15 minutes of the alert, respondBy was " + respondBy);
        assertEquals("https://runbooks.example.test/disk", event.at("/data/links/0/href").asText());
    }

    @Test
    void theSameDedupKeyAppendsUntilResolvedThenOpensANewIncident() {
        String dedupKey = "latency-" + UUID.randomUUID();
        String body = "{\"summary\":\"p99 latency high\",\"dedup_key\":\"" + dedupKey + "\",\"severity\":\"warning\"}";
        String first = post(body).then().statusCode(202).body("status", equalTo("triggered")).extract().path("incidentId");
        post(body).then().statusCode(202).body("status", equalTo("appended")).body("incidentId", equalTo(first));

        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + first)
                .then().statusCode(200).body("alertCount", equalTo(2)).body("priority", equalTo("P3"));

        post("{\"summary\":\"p99 latency ok\",\"dedup_key\":\"" + dedupKey + "\",\"status\":\"resolved\"}")
                .then().statusCode(202).body("status", equalTo("resolved")).body("incidentId", equalTo(first));
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + first + "/timeline")
                .then().statusCode(200)
                .body("kind", equalTo(List.of("triggered", "alerts-appended", "resolved")));

        String second = post(body).then().statusCode(202).body("status", equalTo("triggered")).extract().path("incidentId");
        assertTrue(!first.equals(second), "a trigger after resolve opens a new incident");

        List<ConsumerRecord<String, String>> events = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> first.equals(r.key()), 3, Duration.ofSeconds(20));
        assertEquals(List.of("IncidentTriggered", "AlertAppended", "IncidentResolved"),
                events.stream().map(r -> type(r.value())).toList(), "one event per change, in order");
        events.forEach(r -> EventSchemaAssert.assertMatchesSchema(r.value()));
    }

    @Test
    void aResolveWithNothingOpenIsAcceptedAndChangesNothing() {
        long before = TestDatabase.count("select count(*) from outbox");
        post("{\"summary\":\"all good\",\"dedup_key\":\"never-opened-" + UUID.randomUUID() + "\",\"status\":\"resolved\"}")
                .then().statusCode(202).body("status", equalTo("ignored"));
        assertEquals(before, TestDatabase.count("select count(*) from outbox"));
    }

    private io.restassured.response.Response post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic");
    }

    private String type(String json) {
        try {
            return mapper.readTree(json).get("type").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
