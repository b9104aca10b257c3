package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Twenty identical alerts at the same moment: the database, not Java, makes them one incident. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class DedupConcurrencyTest {

    @Test
    void twentyConcurrentIdenticalAlertsOpenExactlyOneIncident() throws Exception {
        String key = Integrations.create("generic").key();
        String dedup = "race-" + UUID.randomUUID();
        String body = "{\"summary\":\"race\",\"severity\":\"critical\",\"dedup_key\":\"" + dedup + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return given().contentType(ContentType.JSON).body(body)
                        .post("/api/v1/integrations/" + key + "/generic").statusCode();
            }, pool));
        }
        start.countDown();
        for (CompletableFuture<Integer> call : calls) {
            assertEquals(202, call.get());
        }
        pool.shutdown();
        assertEquals(1, TestDatabase.count("select count(*) from incident where dedup_key = ?", dedup));
        assertEquals(20, TestDatabase.count("select alert_count from incident where dedup_key = ?", dedup));
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic")
                .then().extract().path("incidentId");
        long triggered = TestKafka.await(Topics.INCIDENT_EVENTS, r -> id.equals(r.key())
                && r.value().contains("\"type\":\"IncidentTriggered\""), 1, Duration.ofSeconds(20)).size();
        assertEquals(1, triggered, "one IncidentTriggered: one page");
    }
}
