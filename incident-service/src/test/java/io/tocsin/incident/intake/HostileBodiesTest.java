package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.tocsin.incident.support.ChunkedPost;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies that once got a 500 (or a reset connection) from intake and the admin APIs: NUL characters, which
 * PostgreSQL refuses in text (the sender then retries a 5xx forever), absurdly deep nesting, and chunked bodies
 * over the limit. Each is answered with a 2xx or a 4xx, never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class HostileBodiesTest {

    private static final String ADMIN = TestTokens.bearer("root", "admin");
    private static final String ALICE = TestTokens.bearer("alice", "responder");
    /** The JSON escape of U+0000, as a sender writes it. */
    private static final String NUL = "\\u0000";

    @Test
    void aGenericAlertWithNulEverywhereIsAcceptedWithoutTheNul() {
        String key = Integrations.create("generic").key();
        String dedup = "nul-" + UUID.randomUUID();
        String body = "{\"summary\":\"disk" + NUL + " full\",\"dedup_key\":\"" + dedup + NUL + "\",\"source\":\"host" + NUL + "\","
                + "\"labels\":{\"te" + NUL + "am\":\"o" + NUL + "ps\"},\"details\":{\"k" + NUL + "\":[\"v" + NUL + "\",{\"" + NUL + "\":1}]},"
                + "\"links\":[{\"href\":\"https://example.test/" + NUL + "\",\"text\":\"run" + NUL + "book\"}]}";
        String incident = post(key, "generic", body).then().statusCode(202).body("dedupKey", equalTo(dedup))
                .extract().path("incidentId");
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + incident).then().statusCode(200)
                .body("summary", equalTo("disk full"));
    }

    @Test
    void alertmanagerAndGrafanaAlertsWithNulAreAccepted() {
        for (String kind : new String[] {"alertmanager", "grafana"}) {
            String key = Integrations.create(kind).key();
            String body = "{\"receiver\":\"tocsin\",\"status\":\"firing\",\"version\":\"4\",\"groupKey\":\"g" + NUL + UUID.randomUUID() + "\","
                    + "\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Disk" + NUL + "Full\",\"severity\":\"critical\","
                    + "\"inst" + NUL + "ance\":\"db-1" + NUL + "\"},\"annotations\":{\"summary\":\"disk" + NUL + " full\"},"
                    + "\"startsAt\":\"2026-11-27T10:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"f" + NUL + "\","
                    + "\"generatorURL\":\"http://prometheus.example.test/" + NUL + "\",\"values\":{\"B" + NUL + "\":\"" + NUL + "\"}}],"
                    + "\"commonLabels\":{\"alertname\":\"Disk" + NUL + "Full\"},\"commonAnnotations\":{\"summary\":\"disk" + NUL + " full\"},"
                    + "\"title\":\"[FIRING:1]" + NUL + "\",\"message\":\"m" + NUL + "\"}";
            String incident = post(key, kind, body).then().statusCode(202).extract().path("incidentId");
            given().header("Authorization", ALICE).get("/api/v1/incidents/" + incident).then().statusCode(200)
                    .body("summary", equalTo("disk full"));
        }
    }

    @Test
    void aPagerDutyEventWithNulIsAccepted() {
        String key = Integrations.create("pagerduty").key();
        String dedup = "pd-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\","
                        + "\"dedup_key\":\"" + dedup + "\",\"payload\":{\"summary\":\"disk" + NUL + " full\",\"source\":\"db-1" + NUL + "\","
                        + "\"severity\":\"critical\",\"component\":\"c" + NUL + "\",\"custom_details\":{\"x" + NUL + "\":\"y" + NUL + "\"}},"
                        + "\"links\":[{\"href\":\"https://example.test/" + NUL + "\",\"text\":\"t" + NUL + "\"}]}")
                .post("/v2/enqueue").then().statusCode(202).body("dedup_key", equalTo(dedup));
        assertEquals(1, TestDatabase.count("select count(*) from incident where dedup_key = ? and summary = 'disk full'", dedup));
    }

    @Test
    void anAdminRequestWithNulIsStoredWithoutIt() {
        String slug = "nul-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"slug\":\"" + slug + "\",\"name\":\"Check" + NUL + "out\",\"description\":\"" + NUL + "x\"}")
                .post("/api/v1/services").then().statusCode(201).body("name", equalTo("Checkout"));
    }

    @Test
    void deeplyNestedJsonIs400Everywhere() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String key = Integrations.create("generic").key();
        long incidents = TestDatabase.count("select count(*) from incident");
        assertProblem(400, raw("/api/v1/integrations/" + key + "/generic", null, "{\"summary\":\"x\",\"details\":" + deep + "}"));
        assertProblem(400, raw("/api/v1/integrations/" + key + "/generic", null, deep));
        assertProblem(400, raw("/api/v1/services", ADMIN, deep));
        String pagerDutyKey = Integrations.create("pagerduty").key();
        HttpResponse<String> pagerDuty = raw("/v2/enqueue", null, "{\"routing_key\":\"" + pagerDutyKey + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"x\",\"source\":\"s\",\"severity\":\"critical\",\"custom_details\":" + deep + "}}");
        assertEquals(400, pagerDuty.statusCode(), pagerDuty.body());
        assertTrue(pagerDuty.body().contains("\"status\":\"invalid event\""), pagerDuty.body());
        // Nested as deep as a real payload might be still works.
        post(key, "generic", "{\"summary\":\"x\",\"details\":" + "[".repeat(20) + "1" + "]".repeat(20) + "}").then().statusCode(202);
        assertEquals(incidents + 1, TestDatabase.count("select count(*) from incident"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413ProblemJsonNotAReset() throws Exception {
        String key = Integrations.create("generic").key();
        long incidents = TestDatabase.count("select count(*) from incident");
        // Over Tocsin's 512 KiB limit but under Vert.x's 1 MiB backstop, and far over both.
        for (int size : new int[] {700_000, 3_000_000}) {
            String body = "{\"summary\":\"x\",\"details\":{\"blob\":\"" + "a".repeat(size) + "\"}}";
            ChunkedPost.Answer answer = ChunkedPost.send(RestAssured.port, "/api/v1/integrations/" + key + "/generic", body);
            assertEquals(413, answer.status(), size + " bytes, chunked: " + answer);
            assertTrue(answer.contentType().startsWith("application/problem+json"), size + " bytes, chunked: " + answer);
            assertTrue(answer.body().contains("\"status\":413"), answer.body());
        }
        // A chunked body under the limit is fine.
        ChunkedPost.Answer small = ChunkedPost.send(RestAssured.port, "/api/v1/integrations/" + key + "/generic",
                "{\"summary\":\"chunked but small\"}");
        assertEquals(202, small.status(), small.toString());
        assertEquals(incidents + 1, TestDatabase.count("select count(*) from incident"));
    }

    /** A plain HTTP client for bodies too hostile for RestAssured's own logging. */
    private static HttpResponse<String> raw(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static io.restassured.response.Response post(String key, String kind, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/" + kind);
    }
}
