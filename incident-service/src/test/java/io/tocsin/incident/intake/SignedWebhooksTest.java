package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.intake.service.Signatures;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Signed webhooks: a forged, missing, stale or replayed signature is refused and leaves nothing behind. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class SignedWebhooksTest {

    @Test
    void genericSignedIntegrationsRequireAFreshValidSignature() {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true));
        String secret = integration.secret();
        org.junit.jupiter.api.Assertions.assertNotNull(secret, "the secret is shown once, at creation");
        String body = "{\"summary\":\"payment errors\",\"severity\":\"critical\",\"dedup_key\":\"pay-" + UUID.randomUUID() + "\"}";
        long incidents = TestDatabase.count("select count(*) from incident");
        String now = String.valueOf(Instant.now().getEpochSecond());

        send(integration.key(), body, null, null).then().statusCode(401).contentType("application/problem+json");
        send(integration.key(), body, now, "v1=" + "0".repeat(64)).then().statusCode(401);
        send(integration.key(), body, now, "v1=" + sign("whsec_wrong", now + "." + body)).then().statusCode(401);
        String old = String.valueOf(Instant.now().minusSeconds(6 * 60).getEpochSecond());
        send(integration.key(), body, old, "v1=" + sign(secret, old + "." + body)).then().statusCode(401)
                .body("detail", equalTo("The timestamp is outside the 5-minute window (replayed or clock skew)"));
        String tampered = body.replace("critical", "info");
        send(integration.key(), tampered, now, "v1=" + sign(secret, now + "." + body)).then().statusCode(401);
        assertEquals(incidents, TestDatabase.count("select count(*) from incident"));

        send(integration.key(), body, now, "v1=" + sign(secret, now + "." + body)).then().statusCode(202)
                .body("status", equalTo("triggered"));
    }

    @Test
    void grafanaSignaturesUseTheConfiguredHeaderAndTimestamp() {
        Integrations.Created plain = Integrations.create("grafana", Map.of("signed", true,
                "signatureHeader", "X-Grafana-Alert-Signature"));
        String body = grafanaPayload();
        given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + plain.key() + "/grafana")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Grafana-Alert-Signature", sign(plain.secret(), body)).body(body)
                .post("/api/v1/integrations/" + plain.key() + "/grafana")
                .then().statusCode(202).body("status", equalTo("triggered"));

        Integrations.Created timed = Integrations.create("grafana", Map.of("signed", true,
                "timestampHeader", "X-Grafana-Alerting-Signature-Timestamp"));
        String ts = String.valueOf(Instant.now().getEpochSecond());
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(timed.secret(), body))
                .header("X-Grafana-Alerting-Signature-Timestamp", ts).body(body)
                .post("/api/v1/integrations/" + timed.key() + "/grafana").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Grafana-Alerting-Signature", sign(timed.secret(), ts + ":" + body))
                .header("X-Grafana-Alerting-Signature-Timestamp", ts).body(body)
                .post("/api/v1/integrations/" + timed.key() + "/grafana").then().statusCode(202);
    }

    @Test
    void anUnsignedGrafanaIntegrationAcceptsGrafanasPayloadWithLinks() {
        Integrations.Created grafana = Integrations.create("grafana");
        String id = given().contentType(ContentType.JSON).body(grafanaPayload())
                .post("/api/v1/integrations/" + grafana.key() + "/grafana")
                .then().statusCode(202).extract().path("incidentId");
        given().header("Authorization", io.tocsin.local.testing.TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + id).then()
                .body("priority", equalTo("P1"))
                .body("links.find { it.text == 'Dashboard' }.href", equalTo("https://grafana.example.test/d/abc"));
    }

    @Test
    void idempotencyKeysReplayTheFirstAnswer() {
        Integrations.Created integration = Integrations.create("generic");
        String idem = UUID.randomUUID().toString();
        String body = "{\"summary\":\"queue backlog\",\"severity\":\"warning\"}";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", idem).body(body)
                .post("/api/v1/integrations/" + integration.key() + "/generic").then().statusCode(202)
                .body("incidentId", notNullValue()).extract().path("incidentId");
        given().contentType(ContentType.JSON).header("Idempotency-Key", idem).body(body)
                .post("/api/v1/integrations/" + integration.key() + "/generic").then().statusCode(202)
                .body("incidentId", equalTo(first)).body("status", equalTo("triggered"));
        assertEquals(1, TestDatabase.count("select count(*) from incident where summary = 'queue backlog' "
                + "and integration_id = ?::uuid", integration.id()));
    }

    @Test
    void aReplayedSignedRequestIsRefusedAndStoresNothing() {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true));
        String body = "{\"summary\":\"replay me\",\"severity\":\"critical\",\"dedup_key\":\"r-" + UUID.randomUUID() + "\"}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        String signature = "v1=" + sign(integration.secret(), now + "." + body);
        send(integration.key(), body, now, signature).then().statusCode(202);
        long timeline = TestDatabase.count("select count(*) from timeline_entry t join incident i on i.id = t.incident_id "
                + "where i.integration_id = ?::uuid", integration.id());

        send(integration.key(), body, now, signature).then().statusCode(401).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("already used"));
        assertEquals(timeline, TestDatabase.count("select count(*) from timeline_entry t join incident i on i.id = t.incident_id "
                + "where i.integration_id = ?::uuid", integration.id()), "the replay counted no alert");
        String later = String.valueOf(Instant.now().getEpochSecond() + 1);
        send(integration.key(), body, later, "v1=" + sign(integration.secret(), later + "." + body)).then().statusCode(202);
    }

    @Test
    void badSignaturesDoNotSpendTheKeysRateLimitButHaveTheirOwn() {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true, "rateLimitPerMinute", 3));
        String body = "{\"summary\":\"noise\",\"severity\":\"info\",\"dedup_key\":\"n-" + UUID.randomUUID() + "\"}";
        String now = String.valueOf(Instant.now().getEpochSecond());
        // Whoever saw the key in a proxy log sends garbage: refused, and not counted against the key's 3 per minute.
        for (int i = 0; i < 5; i++) {
            send(integration.key(), body, now, "v1=" + "0".repeat(64)).then().statusCode(401);
        }
        send(integration.key(), body, now, "v1=" + sign(integration.secret(), now + "." + body)).then().statusCode(202);

        int refused = 0;
        for (int i = 0; i < 40 && refused == 0; i++) {
            int status = send(integration.key(), body, now, "v1=" + "1".repeat(64)).then().extract().statusCode();
            refused = status == 429 ? 1 : 0;
        }
        assertEquals(1, refused, "bad signatures have a small limit of their own");
    }

    @Test
    void aSignedAlertmanagerIntegrationTakesItsSecretAsABearerCredential() {
        Integrations.Created integration = Integrations.create("alertmanager", Map.of("signed", true));
        String body = AlertmanagerWebhookTest.payload("firing", "am-" + UUID.randomUUID());
        String url = "/api/v1/integrations/" + integration.key() + "/alertmanager";
        long incidents = TestDatabase.count("select count(*) from incident where integration_id = ?::uuid", integration.id());
        given().contentType(ContentType.JSON).body(body).post(url).then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer whsec_wrong").body(body).post(url)
                .then().statusCode(401);
        assertEquals(incidents, TestDatabase.count("select count(*) from incident where integration_id = ?::uuid",
                integration.id()));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + integration.secret()).body(body)
                .post(url).then().statusCode(202).body("status", equalTo("triggered"));
    }

    @Test
    void aPagerDutyIntegrationCannotBeSignedBecauseNothingWouldCheckIt() {
        given().header("Authorization", io.tocsin.local.testing.TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"pd\",\"kind\":\"pagerduty\",\"service\":\"checkout-api\",\"signed\":true}")
                .post("/api/v1/integrations").then().statusCode(422).contentType("application/problem+json");
    }

    private static io.restassured.response.Response send(String key, String body, String ts, String signature) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (ts != null) {
            request = request.header("X-Tocsin-Timestamp", ts);
        }
        if (signature != null) {
            request = request.header("X-Tocsin-Signature", signature);
        }
        return request.post("/api/v1/integrations/" + key + "/generic");
    }

    private static String sign(String secret, String message) {
        return Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8), message.getBytes(StandardCharsets.UTF_8));
    }

    private static String grafanaPayload() {
        return "{\"receiver\":\"tocsin\",\"status\":\"firing\",\"orgId\":1,\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"CPU\",\"grafana_folder\":\"Infra\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"CPU above 95%\"},\"startsAt\":\"2026-11-27T10:00:00Z\","
                + "\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"https://grafana.example.test/alerting/grafana/x/view\","
                + "\"fingerprint\":\"" + UUID.randomUUID().toString().substring(0, 16) + "\","
                + "\"silenceURL\":\"https://grafana.example.test/alerting/silence/new\","
                + "\"dashboardURL\":\"https://grafana.example.test/d/abc\",\"panelURL\":\"https://grafana.example.test/d/abc?viewPanel=1\","
                + "\"values\":{\"B\":97.5}}],\"groupLabels\":{\"alertname\":\"CPU\"},\"commonLabels\":{\"alertname\":\"CPU\","
                + "\"severity\":\"critical\"},\"commonAnnotations\":{\"summary\":\"CPU above 95%\"},"
                + "\"externalURL\":\"https://grafana.example.test/\",\"version\":\"1\","
                + "\"groupKey\":\"{}/{}:{alertname=\\\"CPU\\\"}-" + UUID.randomUUID() + "\",\"truncatedAlerts\":0,"
                + "\"title\":\"[FIRING:1] CPU (Infra)\",\"state\":\"alerting\",\"message\":\"CPU above 95%\"}";
    }
}
