package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Topics;
import io.tocsin.incident.support.Integrations;
import io.tocsin.incident.support.RetryAfter;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PagerDuty Events API v2, answered the way PagerDuty answers, so PagerDuty clients work unchanged. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class PagerDutyEventsTest {

    private static final String ALICE = TestTokens.bearer("alice", "responder");

    @Test
    void triggerAcknowledgeResolveWithOneDedupKey() {
        String key = Integrations.create("pagerduty").key();
        String dedup = "srv01/mysql-" + UUID.randomUUID();
        enqueue("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + dedup + "\","
                + "\"payload\":{\"summary\":\"DISK at 99% on machine prod-datapipe03\",\"source\":\"prod-datapipe03\","
                + "\"severity\":\"critical\",\"timestamp\":\"2026-11-27T08:42:58.315+0000\",\"component\":\"mysql\","
                + "\"group\":\"prod-datapipe\",\"class\":\"disk\",\"custom_details\":{\"free space\":\"1%\"}},"
                + "\"images\":[{\"src\":\"https://chart.example.test/c.png\",\"href\":\"https://example.test/\",\"alt\":\"Chart\"}],"
                + "\"links\":[{\"href\":\"https://example.test/runbook\",\"text\":\"Runbook\"}],"
                + "\"client\":\"Sample Monitoring Service\",\"client_url\":\"https://monitoring.example.test\"}")
                .then().statusCode(202).body("status", equalTo("success")).body("message", equalTo("Event processed"))
                .body("dedup_key", equalTo(dedup));
        long incidents = TestDatabase.count("select count(*) from incident where dedup_key = ?", dedup);
        assertEquals(1, incidents);
        String id = given().header("Authorization", ALICE).get("/api/v1/incidents?limit=100").then()
                .extract().path("items.find { it.summary == 'DISK at 99% on machine prod-datapipe03' }.id");

        enqueue("{\"routing_key\":\"" + key + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"" + dedup + "\"}")
                .then().statusCode(202).body("dedup_key", equalTo(dedup));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id).then()
                .body("status", equalTo("ACKNOWLEDGED")).body("priority", equalTo("P1"))
                .body("links.href", hasItem("https://example.test/runbook"));

        enqueue("{\"routing_key\":\"" + key + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + dedup + "\"}")
                .then().statusCode(202);
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id).then().body("status", equalTo("RESOLVED"));

        var events = TestKafka.await(Topics.INCIDENT_EVENTS, r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
        assertEquals(List.of("IncidentTriggered", "IncidentAcknowledged", "IncidentResolved"),
                events.stream().map(r -> r.value().replaceAll(".*\"type\":\"([A-Za-z]+)\".*", "$1")).toList());
    }

    @Test
    void aTriggerWithoutDedupKeyGetsOneBack() {
        String key = Integrations.create("pagerduty").key();
        enqueue("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\","
                + "\"source\":\"h\",\"severity\":\"info\"}}")
                .then().statusCode(202).body("dedup_key", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void invalidEventsGetPagerDutysErrorShapeAndStoreNothing() {
        String key = Integrations.create("pagerduty").key();
        long before = TestDatabase.count("select count(*) from incident");
        long outbox = TestDatabase.count("select count(*) from outbox");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"explode\"}",
                "'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"h\",\"severity\":\"critical\"}}",
                "'payload.summary' is missing or blank");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"fatal\"}}",
                "'payload.severity' is invalid (must be one of: critical, error, warning, info)");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"" + "x".repeat(1025)
                + "\",\"source\":\"h\",\"severity\":\"info\"}}", "'payload.summary' must be at most 1024 characters");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + "d".repeat(256)
                + "\",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}", "'dedup_key' must be at most 255 characters");
        invalid("{\"routing_key\":\"" + key + "\",\"event_action\":\"resolve\"}", "'dedup_key' is required for resolve events");
        invalid("{\"routing_key\":\"tk_unknown\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}",
                "No integration has this key");
        invalid("{\"routing_key\":", "The body is not valid JSON");
        invalid("[]", "The event does not have the expected shape");
        assertEquals(before, TestDatabase.count("select count(*) from incident"));
        assertEquals(outbox, TestDatabase.count("select count(*) from outbox"));
    }

    @Test
    void aRoutingKeyOverItsRateGets429AndAnotherKeyDoesNot() {
        String noisy = Integrations.create("pagerduty", java.util.Map.of("rateLimitPerMinute", 3)).key();
        String quiet = Integrations.create("pagerduty").key();
        String event = "{\"routing_key\":\"%s\",\"event_action\":\"trigger\",\"dedup_key\":\"same\","
                + "\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}";
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 5; i++) {
            int status = enqueue(event.formatted(noisy)).statusCode();
            accepted += status == 202 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        // A minute boundary may fall between the requests, so at least 3 pass and at least 1 is refused.
        org.junit.jupiter.api.Assertions.assertTrue(accepted >= 3 && limited >= 1, accepted + " accepted, " + limited + " limited");
        enqueue(event.formatted(quiet)).then().statusCode(202);
        var refused = enqueue(event.formatted(noisy));
        if (refused.statusCode() == 429) {
            refused.then().header("RateLimit-Limit", "3").body("status", equalTo("throttle event"));
            RetryAfter.assertSeconds(refused.header("Retry-After"), 60);
        }
    }

    private static io.restassured.response.Response enqueue(String body) {
        return given().contentType("application/json").body(body).post("/v2/enqueue");
    }

    private static void invalid(String body, String error) {
        enqueue(body).then().statusCode(400).body("status", equalTo("invalid event"))
                .body("message", equalTo("Event object is invalid")).body("errors", hasItem(error));
    }
}
