package io.tocsin.incident;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

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

    @Test
    void metricsAndOpenApiArePublished() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("tocsin_outbox_pending"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/integrations/{key}/generic"));
    }
}
