package io.tocsin.incident.integration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.support.Integrations;
import io.tocsin.incident.support.RetryAfter;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running integrations: disable, rotate with a grace period, test alerts, keys stored only as hashes. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class IntegrationAdminTest {

    private static final String ADMIN = TestTokens.bearer("root", "admin");
    private static final String ALERT = "{\"summary\":\"probe\",\"severity\":\"info\"}";

    @Test
    void aDisabledIntegrationIsRefusedUntilEnabledAgain() {
        Integrations.Created integration = Integrations.create("generic");
        admin("/api/v1/integrations/" + integration.id() + "/disable").then().statusCode(200).body("enabled", equalTo(false));
        post(integration.key()).then().statusCode(403).contentType("application/problem+json");
        admin("/api/v1/integrations/" + integration.id() + "/enable").then().statusCode(200).body("enabled", equalTo(true));
        post(integration.key()).then().statusCode(202);
    }

    @Test
    void rotationKeepsTheOldKeyValidForTheGracePeriodOnly() {
        Integrations.Created integration = Integrations.create("generic");
        String newKey = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"gracePeriodMinutes\":60}")
                .post("/api/v1/integrations/" + integration.id() + "/rotate")
                .then().statusCode(200).body("integration.previousKeyValidUntil", notNullValue())
                .extract().path("key");
        assertNotEquals(integration.key(), newKey);
        post(newKey).then().statusCode(202);
        post(integration.key()).then().statusCode(202);

        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"gracePeriodMinutes\":0}")
                .post("/api/v1/integrations/" + integration.id() + "/rotate").then().statusCode(200);
        post(newKey).then().statusCode(404);
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true));
        assertEquals(0, TestDatabase.count("select count(*) from integration where key_hash = ? or secret_ciphertext like ?",
                integration.key(), "%" + integration.secret().substring(6) + "%"));
        assertEquals(1, TestDatabase.count("select count(*) from integration where id = ?::uuid and length(key_hash) = 64",
                integration.id()));
    }

    @Test
    void aTestAlertOpensAP4IncidentThroughTheIntegration() {
        Integrations.Created integration = Integrations.create("generic");
        String incident = admin("/api/v1/integrations/" + integration.id() + "/test").then().statusCode(202)
                .body("status", equalTo("triggered")).extract().path("incidentId");
        given().header("Authorization", TestTokens.bearer("alice", "responder")).get("/api/v1/incidents/" + incident)
                .then().body("priority", equalTo("P4"));
    }

    @Test
    void unknownIntegrationsAre404AndBadSettings422() {
        admin("/api/v1/integrations/" + java.util.UUID.randomUUID() + "/disable").then().statusCode(404)
                .contentType("application/problem+json");
        long before = TestDatabase.count("select count(*) from integration");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"kind\":\"generic\",\"service\":\"checkout-api\",\"rateLimitPerMinute\":0,"
                        + "\"groupBy\":\"everything\",\"signatureHeader\":\"Bad Header:\"}")
                .post("/api/v1/integrations").then().statusCode(422)
                .body("errors.size()", equalTo(3));
        assertEquals(before, TestDatabase.count("select count(*) from integration"));
    }

    @Test
    void overTheRateLimitTheSenderIsToldWhenToRetry() {
        Integrations.Created integration = Integrations.create("generic", Map.of("rateLimitPerMinute", 2));
        int limited = 0;
        for (int i = 0; i < 4; i++) {
            var response = post(integration.key());
            if (response.statusCode() == 429) {
                limited++;
                response.then().contentType("application/problem+json")
                        .header("RateLimit-Limit", "2").header("RateLimit-Remaining", "0");
                // The window is a minute: the sender is told to come back when it ends, and the two headers agree.
                int seconds = RetryAfter.assertSeconds(response.header("Retry-After"), 60);
                assertEquals(String.valueOf(seconds), response.header("RateLimit-Reset"));
            }
        }
        assertTrue(limited >= 1, "at least one request over the limit");
    }

    private static io.restassured.response.Response admin(String path) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).post(path);
    }

    private static io.restassured.response.Response post(String key) {
        return given().contentType(ContentType.JSON).body(ALERT).post("/api/v1/integrations/" + key + "/generic");
    }
}
