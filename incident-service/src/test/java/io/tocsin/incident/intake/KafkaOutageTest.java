package io.tocsin.incident.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Kafka goes away while alerts keep coming: intake keeps answering 202, readiness stays UP but says Kafka is
 * degraded, and once the broker is back every event arrives exactly once, in order per incident.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class KafkaOutageTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void nothingIsLostAndNothingIsSentTwice() throws Exception {
        String key = Integrations.create("generic").key();
        TestInfrastructure.stopKafka();
        Set<String> incidents = new HashSet<>();
        try {
            for (int i = 0; i < 25; i++) {
                String dedup = "outage-" + i + "-" + key.substring(3, 11);
                String id = post(key, "{\"summary\":\"outage " + i + "\",\"severity\":\"critical\",\"dedup_key\":\"" + dedup + "\"}")
                        .then().statusCode(202).body("status", equalTo("triggered")).extract().path("incidentId");
                incidents.add(id);
                post(key, "{\"summary\":\"ok " + i + "\",\"dedup_key\":\"" + dedup + "\",\"status\":\"resolved\"}")
                        .then().statusCode(202).body("status", equalTo("resolved"));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("degraded")));
        } finally {
            TestInfrastructure.startKafka();
        }

        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> incidents.contains(r.key()), 50, Duration.ofSeconds(90));
        assertEquals(50, records.size(), "exactly 50 events, none lost, none twice");
        Map<String, List<String>> perIncident = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = mapper.readTree(record.value());
            eventIds.add(event.get("eventId").asText());
            perIncident.computeIfAbsent(record.key(), k -> new java.util.ArrayList<>()).add(event.get("type").asText());
        }
        assertEquals(50, eventIds.size());
        perIncident.values().forEach(types -> assertEquals(List.of("IncidentTriggered", "IncidentResolved"), types));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'outbox' }.data.kafka", equalTo("ok")));
    }

    private static io.restassured.response.Response post(String key, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic");
    }
}
