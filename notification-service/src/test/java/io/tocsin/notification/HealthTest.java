package io.tocsin.notification;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.notification.support.NotificationTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service boots against the real database and broker, migrated by Flyway, and reports its health. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class HealthTest {

    @Test
    void readyWithTheDatabaseAndTheOutboxCheck() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void flywayCreatedTheSharedOutboxTables() {
        assertEquals(0, TestDatabase.count("select count(*) from outbox where sent_at is null"));
        assertEquals(0, TestDatabase.count("select count(*) from processed_event"));
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    /** Prometheus scrapes the management port; the port the Ingress routes to has neither metrics nor OpenAPI. */
    @Test
    void metricsAndOpenApiAreOnTheManagementInterfaceOnly() {
        given().get(metrics).then().statusCode(200).body(containsString("tocsin_outbox_pending"));
        given().get(openapi).then().statusCode(200).body(containsString("openapi"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void unknownPathsAreProblems() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
