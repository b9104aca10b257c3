package io.tocsin.incident.support;

import io.restassured.http.ContentType;
import io.tocsin.local.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Creates integrations through the admin API, as an admin would. */
public final class Integrations {

    /** A created integration: its id, key and (when signed) secret. */
    public record Created(String id, String key, String secret) {
    }

    private Integrations() {
    }

    public static Created create(String kind, Map<String, Object> options) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name", kind + " " + UUID.randomUUID().toString().substring(0, 8), "kind", kind,
                "service", "checkout-api"));
        body.putAll(options);
        var response = given().header("Authorization", TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/integrations")
                .then().statusCode(201).extract();
        return new Created(response.path("integration.id"), response.path("key"), response.path("secret"));
    }

    public static Created create(String kind) {
        return create(kind, Map.of());
    }
}
