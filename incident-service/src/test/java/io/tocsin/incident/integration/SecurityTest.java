package io.tocsin.incident.integration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tokens as the security model requires: signed by the trusted key, right issuer and audience, unexpired, right role. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class SecurityTest {

    private static final String BODY = "{\"name\":\"Sneaky\",\"kind\":\"generic\",\"service\":\"checkout-api\"}";

    @Test
    void noTokenIs401WithAChallenge() {
        long before = integrations();
        given().contentType(ContentType.JSON).body(BODY).post("/api/v1/integrations")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        assertEquals(before, integrations());
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        assertRejected(TestTokens.foreignKey("mallory", "admin"));
    }

    @Test
    void anExpiredTokenIs401() {
        assertRejected(TestTokens.expired("root", "admin"));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        assertRejected(TestTokens.wrongIssuer("root", "admin"));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertRejected(TestTokens.wrongAudience("root", "admin"));
    }

    @Test
    void garbageIs401() {
        assertRejected("not.a.jwt");
    }

    @Test
    void aResponderCannotCreateIntegrations() {
        long before = integrations();
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .contentType(ContentType.JSON).body(BODY).post("/api/v1/integrations")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        assertEquals(before, integrations());
    }

    @Test
    void anAdminCanListIntegrationsButNeverSeesKeys() {
        given().header("Authorization", TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON).body(BODY).post("/api/v1/integrations").then().statusCode(201);
        String list = given().header("Authorization", TestTokens.bearer("root", "admin"))
                .get("/api/v1/integrations").then().statusCode(200).extract().asString();
        assertEquals(false, list.contains("tk_"), "keys are shown once, at creation");
    }

    @Test
    void invalidIntegrationsAre422AndNotStored() {
        long before = integrations();
        given().header("Authorization", TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON).body("{\"name\":\"\",\"kind\":\"carrier-pigeon\",\"service\":\"Not A Slug\"}")
                .post("/api/v1/integrations")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(before, integrations());
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().header("Authorization", TestTokens.bearer("root", "admin"))
                .delete("/api/v1/integrations").then().statusCode(405).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + java.util.UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private void assertRejected(String token) {
        long before = integrations();
        given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(BODY).post("/api/v1/integrations")
                .then().statusCode(401).contentType("application/problem+json");
        assertEquals(before, integrations());
    }

    private static long integrations() {
        return TestDatabase.count("select count(*) from integration");
    }
}
