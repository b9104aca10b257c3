package io.tocsin.incident;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What Kubernetes and Prometheus see. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class HealthTest {

    @Test
    void readyWhileTheDatabaseIsUpAndTheOutboxReportsKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox"));
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    /** Prometheus scrapes the management port; the port the Ingress routes to has neither metrics nor OpenAPI. */
    @Test
    void metricsAndOpenApiAreOnTheManagementInterfaceOnly() {
        given().get(metrics).then().statusCode(200).body(containsString("tocsin_outbox_pending"));
        given().get(openapi).then().statusCode(200).body(containsString("/api/v1/integrations/{key}/generic"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
