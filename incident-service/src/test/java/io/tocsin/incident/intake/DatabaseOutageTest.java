package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.support.Integrations;
import io.tocsin.incident.support.RetryAfter;
import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** While PostgreSQL is down intake answers 503 + Retry-After (monitoring systems retry), never 202, and is unready. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class DatabaseOutageTest {

    @Test
    void noAlertIsAcceptedThatCouldNotBeStored() {
        String key = Integrations.create("generic").key();
        String body = "{\"summary\":\"db outage probe\",\"severity\":\"critical\"}";
        Runnable restart = TestInfrastructure.stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RetryAfter.assertSeconds(
                    given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic")
                            .then().statusCode(503).contentType("application/problem+json").extract().header("Retry-After"),
                    60));
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        } finally {
            restart.run();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic")
                        .then().statusCode(202));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
