package io.tocsin.incident;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged bearer tokens with every role and perfect claims: "alg: none", an unsigned RS256 header, and HS256 keyed
 * with the public RSA key. incident-service refuses each with 401 problem+json, exactly as it refuses no token.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ForgedTokensTest {

    private static final String[] EVERY_ROLE = {"admin", "incident-commander", "responder", "stakeholder"};

    @Test
    void forgedTokensAre401() {
        String path = "/api/v1/incidents";
        assertEquals(200, get(path, TestTokens.token("mallory", EVERY_ROLE)).statusCode(), "the control: a genuine token");
        for (Map.Entry<String, String> forged : TestTokens.forgeries("mallory", EVERY_ROLE).entrySet()) {
            Response response = get(path, forged.getValue());
            assertEquals(401, response.statusCode(), forged.getKey() + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), forged.getKey());
            assertEquals("Bearer", response.header("WWW-Authenticate"), forged.getKey());
        }
    }

    private static Response get(String path, String token) {
        return given().header("Authorization", "Bearer " + token).get(path.replace("{uuid}", UUID.randomUUID().toString()));
    }
}
