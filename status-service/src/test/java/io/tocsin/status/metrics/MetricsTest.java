package io.tocsin.status.metrics;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Response metrics from incidents with known timestamps, over the API and as Prometheus gauges. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class MetricsTest {

    /** A day in the past no other test uses. */
    private static final Instant DAY = Instant.parse("2021-03-04T00:00:00Z");

    private static void incident(Priority priority, Instant at, int ackMinutes, int resolveMinutes, int targetMinutes) {
        UUID id = UUID.randomUUID();
        Instant ack = at.plus(Duration.ofMinutes(ackMinutes));
        Events.publish(Envelope.of(new IncidentTriggered("metrics-api", priority, "critical", "m", null, "k",
                at.plus(Duration.ofMinutes(targetMinutes)), List.of(), INTEGRATION), id, at));
        Events.publish(Envelope.of(new IncidentAcknowledged("metrics-api", priority, "m", ALICE, ALICE), id, ack));
        if (resolveMinutes > 0) {
            Events.publish(Envelope.of(new IncidentResolved("metrics-api", priority, "m", at, ack, ALICE), id,
                    at.plus(Duration.ofMinutes(resolveMinutes))));
        }
    }

    @Test
    void mttaMttrAndTargetsPerPriority() {
        // P1 (target 15 min): acks after 5, 10, 20 min; resolves after 60, 90, 120 min.
        incident(Priority.P1, DAY.plus(Duration.ofHours(1)), 5, 60, 15);
        incident(Priority.P1, DAY.plus(Duration.ofHours(2)), 10, 90, 15);
        incident(Priority.P1, DAY.plus(Duration.ofHours(3)), 20, 120, 15);
        // P3 (target 4 h): acknowledged after 30 min, still open.
        incident(Priority.P3, DAY.plus(Duration.ofHours(4)), 30, 0, 240);
        // P2 (target 1 h): triggered, never acknowledged: counts against the target, has no MTTA.
        Events.publish(Envelope.of(new IncidentTriggered("metrics-api", Priority.P2, "critical", "m", null, "k",
                DAY.plus(Duration.ofHours(6)), List.of(), INTEGRATION), UUID.randomUUID(), DAY.plus(Duration.ofHours(5))));
        // Outside the period: must not count.
        incident(Priority.P1, DAY.minus(Duration.ofHours(1)), 50, 500, 15);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from incident_record where service = 'metrics-api' and acknowledged_at is not null"
                        + " and triggered_at < '2022-01-01'") == 5
                && TestDatabase.count("select count(*) from incident_record where service = 'metrics-api'"
                        + " and status = 'RESOLVED' and triggered_at < '2022-01-01'") == 4
                && TestDatabase.count("select count(*) from incident_record where service = 'metrics-api'"
                        + " and priority = 'P2' and triggered_at < '2022-01-01'") == 1);

        given().header("Authorization", TestTokens.bearer("carol", "incident-commander"))
                .queryParam("from", "2021-03-04T00:00:00Z").queryParam("to", "2021-03-05T00:00:00Z")
                .get("/api/v1/metrics/response").then().statusCode(200)
                .body("priorities.find { it.priority == 'P1' }.incidents", equalTo(3))
                .body("priorities.find { it.priority == 'P1' }.acknowledged", equalTo(3))
                .body("priorities.find { it.priority == 'P1' }.resolved", equalTo(3))
                .body("priorities.find { it.priority == 'P1' }.mttaMedianSeconds", equalTo(600.0f))
                .body("priorities.find { it.priority == 'P1' }.mttaP90Seconds", equalTo(1200.0f))
                .body("priorities.find { it.priority == 'P1' }.mttrMedianSeconds", equalTo(5400.0f))
                .body("priorities.find { it.priority == 'P1' }.mttrP90Seconds", equalTo(7200.0f))
                .body("priorities.find { it.priority == 'P1' }.acknowledgedWithinTarget", equalTo(2))
                .body("priorities.find { it.priority == 'P3' }.incidents", equalTo(1))
                .body("priorities.find { it.priority == 'P3' }.resolved", equalTo(0))
                .body("priorities.find { it.priority == 'P3' }.mttrMedianSeconds", equalTo(null))
                .body("priorities.find { it.priority == 'P3' }.acknowledgedWithinTargetShare", equalTo(1.0f))
                .body("priorities.find { it.priority == 'P2' }.incidents", equalTo(1))
                .body("priorities.find { it.priority == 'P2' }.acknowledged", equalTo(0))
                .body("priorities.find { it.priority == 'P2' }.mttaMedianSeconds", equalTo(null))
                .body("priorities.find { it.priority == 'P2' }.acknowledgedWithinTargetShare", equalTo(0.0f))
                .body("priorities.find { it.priority == 'P4' }.incidents", equalTo(0));
    }

    /** Metrics are on the management interface (its own port). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void theGaugesAreExported() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body(containsString("tocsin_response_mtta_seconds{priority=\"P1\",quantile=\"0.5\"}"))
                .body(containsString("tocsin_response_mttr_seconds{priority=\"P2\",quantile=\"0.9\"}"))
                .body(containsString("tocsin_response_acknowledged_within_target_ratio{priority=\"P3\"}"))
                .body(containsString("tocsin_response_incidents{priority=\"P4\"}")));
    }

    /**
     * The gauges are recomputed only when the window changed; they must still follow a new incident and an
     * acknowledgement of one already counted (a change that adds no row).
     */
    @Test
    void theGaugesFollowNewIncidentsAndAcknowledgements() {
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("tocsin_response_incidents{priority=\"P4\"}") >= 0);
        double before = gauge("tocsin_response_incidents{priority=\"P4\"}");
        long acknowledgedBefore = acknowledgedWithinTarget();
        UUID id = UUID.randomUUID();
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        Events.publish(Envelope.of(new IncidentTriggered("metrics-api", Priority.P4, "info", "m", null, "k",
                at.plus(Duration.ofHours(24)), List.of(), INTEGRATION), id, at));
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("tocsin_response_incidents{priority=\"P4\"}") == before + 1);
        assertEquals(acknowledgedBefore, acknowledgedWithinTarget());

        Events.publish(Envelope.of(new IncidentAcknowledged("metrics-api", Priority.P4, "m", ALICE, ALICE), id,
                at.plus(Duration.ofMinutes(1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedWithinTarget() == acknowledgedBefore + 1);
    }

    /** P4 incidents of the window acknowledged within their target: the share times the count. */
    private long acknowledgedWithinTarget() {
        double share = gauge("tocsin_response_acknowledged_within_target_ratio{priority=\"P4\"}");
        return Double.isNaN(share) ? 0 : Math.round(share * gauge("tocsin_response_incidents{priority=\"P4\"}"));
    }

    /** A gauge's value from the Prometheus scrape (NaN when it has none yet, -1 when it is not exported). */
    private double gauge(String series) {
        String text = given().get(metrics).then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(-1.0);
    }

    @Test
    void theInternalPageChartsTheLast30Days() {
        incident(Priority.P2, Instant.now().minus(Duration.ofHours(3)), 12, 95, 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from incident_record where service = 'metrics-api' and priority = 'P2' and status = 'RESOLVED'") >= 1);
        given().get("/internal/metrics").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).get("/internal/metrics")
                .then().statusCode(403);
        String page = given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/internal/metrics").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        // Other tests add incidents to the same 30 days, so only the shape is certain: four priorities, two bars
        // each, the slowest p90 of each chart at full width.
        assertEquals(4, page.split("class=\"card\"").length - 1);
        assertEquals(8, page.split("class=\"chart\"").length - 1);
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("<strong>P2</strong>"));
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("<rect class=\"p90\" width=\"100\""), page);
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("style="), "no inline style: the CSP forbids it");
        org.junit.jupiter.api.Assertions.assertFalse(page.contains("<script"));
    }

    /**
     * An incident whose trigger never arrived has no deadline of its own: it is measured against the shared
     * {@code tocsin.response-targets} setting (P4 is 5 minutes in the test profile instead of the default 24 h).
     */
    @Test
    void withoutItsTriggerAnIncidentIsMeasuredAgainstTheConfiguredTarget() {
        Instant at = Instant.parse("2021-05-06T10:00:00Z");
        Events.publish(Envelope.of(new IncidentResolved("metrics-api", Priority.P4, "m", at,
                at.plus(Duration.ofMinutes(10)), ALICE), UUID.randomUUID(), at.plus(Duration.ofMinutes(30))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("alice", "responder"))
                .queryParam("from", "2021-05-06T00:00:00Z").queryParam("to", "2021-05-07T00:00:00Z")
                .get("/api/v1/metrics/response").then().statusCode(200)
                .body("priorities.find { it.priority == 'P4' }.incidents", equalTo(1))
                .body("priorities.find { it.priority == 'P4' }.acknowledged", equalTo(1))
                .body("priorities.find { it.priority == 'P4' }.acknowledgedWithinTarget", equalTo(0)));
    }

    @Test
    void badPeriodsAndRoles() {
        String token = TestTokens.bearer("alice", "responder");
        given().header("Authorization", token).queryParam("from", "yesterday")
                .get("/api/v1/metrics/response").then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", token).queryParam("from", "2021-03-05T00:00:00Z")
                .queryParam("to", "2021-03-04T00:00:00Z")
                .get("/api/v1/metrics/response").then().statusCode(422).body("errors", hasItem(startsWith("from")));
        given().header("Authorization", token).queryParam("from", "2019-01-01T00:00:00Z")
                .queryParam("to", "2021-03-04T00:00:00Z")
                .get("/api/v1/metrics/response").then().statusCode(422);
        given().get("/api/v1/metrics/response").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).get("/api/v1/metrics/response")
                .then().statusCode(403);
        given().header("Authorization", token).get("/api/v1/metrics/response").then().statusCode(200)
                .body("priorities.size()", equalTo(4));
    }
}
