package io.tocsin.incident.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Prometheus Alertmanager's webhook (version 4), with payloads shaped exactly as Alertmanager sends them. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class AlertmanagerWebhookTest {

    private static final String ALICE = TestTokens.bearer("alice", "responder");
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aStormOf200AlertsIsOneIncidentAndOnePage() {
        String key = Integrations.create("alertmanager").key();
        String group = "{}:{alertname=\"HighErrorRate\",job=\"checkout\"}-" + UUID.randomUUID();
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            alerts.add(alert("firing", "pod-" + i, "critical"));
        }
        String incidentId = post(key, payload(group, "firing", alerts, 0)).then().statusCode(202)
                .body("status", equalTo("triggered")).extract().path("incidentId");

        given().header("Authorization", ALICE).get("/api/v1/incidents/" + incidentId).then().statusCode(200)
                .body("priority", equalTo("P1"))
                .body("summary", equalTo("Checkout error rate above 5%"))
                .body("links.href", hasItem("https://runbooks.example.test/high-error-rate"));
        assertEquals(200, TestDatabase.count("select count(*) from alert where incident_id = ?::uuid", incidentId));
        var events = TestKafka.await(Topics.INCIDENT_EVENTS, r -> incidentId.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, events.size(), "one IncidentTriggered, hence one page");
        EventSchemaAssert.assertMatchesSchema(events.get(0).value());
    }

    @Test
    void eachAlertsOwnStatusCountsAndTheLastResolvedAlertResolvesTheIncident() {
        String key = Integrations.create("alertmanager").key();
        String group = "{}:{alertname=\"DiskFull\"}-" + UUID.randomUUID();
        String a = alert("firing", "db-1", "warning");
        String b = alert("firing", "db-2", "warning");
        String incidentId = post(key, payload(group, "firing", List.of(a, b), 0)).then().statusCode(202)
                .extract().path("incidentId");

        // The group still says "firing" while one of its alerts is resolved: the incident stays open.
        post(key, payload(group, "firing", List.of(alert("resolved", "db-1", "warning"), b), 0)).then().statusCode(202)
                .body("status", equalTo("appended"));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + incidentId).then()
                .body("status", equalTo("TRIGGERED")).body("priority", equalTo("P3"));

        post(key, payload(group, "resolved", List.of(alert("resolved", "db-1", "warning"),
                alert("resolved", "db-2", "warning")), 0)).then().statusCode(202).body("status", equalTo("resolved"))
                .body("incidentId", equalTo(incidentId));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + incidentId).then()
                .body("status", equalTo("RESOLVED"));

        String again = post(key, payload(group, "firing", List.of(a), 0)).then().statusCode(202)
                .body("status", equalTo("triggered")).extract().path("incidentId");
        org.junit.jupiter.api.Assertions.assertNotEquals(incidentId, again, "after resolve, a new incident");
    }

    @Test
    void truncatedAlertsAreRecordedOnTheTimeline() {
        String key = Integrations.create("alertmanager").key();
        String incidentId = post(key, payload("{}:{alertname=\"X\"}-" + UUID.randomUUID(), "firing",
                List.of(alert("firing", "a", "error")), 37)).then().statusCode(202).extract().path("incidentId");
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + incidentId + "/timeline").then()
                .body("kind", hasItem("alerts-truncated"))
                .body("detail", hasItem("The sender left out 37 alerts of this group"));
    }

    @Test
    void perAlertIntegrationsOpenOneIncidentPerFingerprint() {
        String key = Integrations.create("alertmanager", Map.of("groupBy", "alert")).key();
        post(key, payload("{}:{alertname=\"Y\"}-" + UUID.randomUUID(), "firing",
                List.of(alert("firing", "x-" + UUID.randomUUID(), "info"), alert("firing", "y-" + UUID.randomUUID(), "info")), 0))
                .then().statusCode(202).body("status", equalTo("accepted")).body("alerts", hasSize(2))
                .body("alerts.status", equalTo(List.of("triggered", "triggered")));
    }

    @Test
    void anotherVersionIsRejectedAndStoresNothing() {
        String key = Integrations.create("alertmanager").key();
        long before = TestDatabase.count("select count(*) from incident");
        String v3 = payload("{}:{}", "firing", List.of(alert("firing", "a", "critical")), 0).replace("\"version\":\"4\"", "\"version\":\"3\"");
        post(key, v3).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0]", startsWith("version"));
        post(key, "{\"version\":\"4\",\"groupKey\":\"g\",\"alerts\":[{\"status\":\"burning\",\"labels\":{}}]}")
                .then().statusCode(422).body("errors[0]", startsWith("alerts[0].status"));
        post(key, "{\"version\":\"4\",\"groupKey\":\"g\",\"alerts\":[]}").then().statusCode(422);
        post(key, "{\"version\":\"4\",").then().statusCode(400);
        assertEquals(before, TestDatabase.count("select count(*) from incident"));
    }

    @Test
    void alertmanagersPagerDutyReceiverWorksPointedAtTocsin() {
        // What Alertmanager's pagerduty_configs (url: http://tocsin/v2/enqueue) sends: a 64-hex dedup key,
        // severity "error" by default, details of the firing and resolved alerts.
        String key = Integrations.create("pagerduty").key();
        String dedup = "a3f1c5d7e9b1a3f1c5d7e9b1a3f1c5d7e9b1a3f1c5d7e9b1a3f1c5d7e9b1" + UUID.randomUUID().toString().substring(0, 4);
        String trigger = "{\"routing_key\":\"" + key + "\",\"dedup_key\":\"" + dedup + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"[FIRING:1] HighErrorRate checkout\",\"source\":\"http://alertmanager:9093\","
                + "\"severity\":\"error\",\"custom_details\":{\"firing\":\"Labels:\\n - alertname = HighErrorRate\\n\","
                + "\"num_firing\":\"1\",\"num_resolved\":\"0\",\"resolved\":\"\"}},"
                + "\"client\":\"Alertmanager\",\"client_url\":\"http://alertmanager:9093/#/alerts?receiver=tocsin\","
                + "\"links\":[{\"href\":\"http://prometheus:9090/graph\",\"text\":\"Prometheus\"}]}";
        given().contentType("application/json").body(trigger).post("/v2/enqueue").then().statusCode(202)
                .body("status", equalTo("success")).body("message", equalTo("Event processed"))
                .body("dedup_key", equalTo(dedup));
        String id = given().header("Authorization", ALICE).get("/api/v1/incidents?service=checkout-api&limit=100")
                .then().extract().path("items.find { it.summary == '[FIRING:1] HighErrorRate checkout' }.id");
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id).then()
                .body("priority", equalTo("P2")).body("dedupKey", equalTo(dedup));
        given().contentType("application/json")
                .body("{\"routing_key\":\"" + key + "\",\"dedup_key\":\"" + dedup + "\",\"event_action\":\"resolve\","
                        + "\"payload\":{\"summary\":\"[RESOLVED] HighErrorRate\",\"source\":\"am\",\"severity\":\"error\"}}")
                .post("/v2/enqueue").then().statusCode(202).body("dedup_key", equalTo(dedup));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id).then().body("status", equalTo("RESOLVED"));
    }

    private static io.restassured.response.Response post(String key, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/alertmanager");
    }

    /** A one-alert critical group, as other intake tests send it. */
    static String payload(String status, String groupKey) {
        return payload(groupKey, status, List.of(alert(status, "db-1", "critical")), 0);
    }

    private static String payload(String groupKey, String status, List<String> alerts, int truncated) {
        return "{\"receiver\":\"tocsin\",\"status\":\"" + status + "\",\"alerts\":[" + String.join(",", alerts) + "],"
                + "\"groupLabels\":{\"alertname\":\"HighErrorRate\"},"
                + "\"commonLabels\":{\"alertname\":\"HighErrorRate\",\"job\":\"checkout\"},"
                + "\"commonAnnotations\":{\"summary\":\"Checkout error rate above 5%\"},"
                + "\"externalURL\":\"http://alertmanager.example.test:9093\",\"version\":\"4\","
                + "\"groupKey\":" + quote(groupKey) + ",\"truncatedAlerts\":" + truncated + "}";
    }

    private static String alert(String status, String instance, String severity) {
        String endsAt = "firing".equals(status) ? "0001-01-01T00:00:00Z" : "2026-11-27T10:05:00Z";
        return "{\"status\":\"" + status + "\",\"labels\":{\"alertname\":\"HighErrorRate\",\"instance\":\"" + instance
                + "\",\"job\":\"checkout\",\"severity\":\"" + severity + "\"},"
                + "\"annotations\":{\"summary\":\"Error rate high on " + instance + "\","
                + "\"runbook_url\":\"https://runbooks.example.test/high-error-rate\"},"
                + "\"startsAt\":\"2026-11-27T10:00:00Z\",\"endsAt\":\"" + endsAt + "\","
                + "\"generatorURL\":\"http://prometheus.example.test:9090/graph?g0.expr=rate\","
                + "\"fingerprint\":\"" + Integer.toHexString(instance.hashCode()) + "\"}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
