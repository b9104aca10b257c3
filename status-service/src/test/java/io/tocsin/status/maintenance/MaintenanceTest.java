package io.tocsin.status.maintenance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Maintenance windows move upcoming → in progress → completed on the database clock and say so on Kafka. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class MaintenanceTest {

    private static String commander() {
        return TestTokens.bearer("carol", "incident-commander");
    }

    @Test
    void aWindowStartsAndEndsWithItsEventsAndShowsOnThePage() {
        String service = "maint-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"Database " + service + "\"}")
                .post("/api/v1/components").then().statusCode(201);
        Instant start = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String id = given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Database upgrade\",\"services\":[\"" + service + "\"],\"startsAt\":\"" + start
                        + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}")
                .post("/api/v1/maintenances").then().statusCode(201).body("state", equalTo("SCHEDULED"))
                .extract().path("id");
        given().get("/api/v1/status").then()
                .body("maintenances.find { it.id == '" + id + "' }.state", equalTo("SCHEDULED"))
                .body("maintenances.find { it.id == '" + id + "' }.components", equalTo(List.of("Database " + service)));

        // An hour passes.
        TestDatabase.execute("update maintenance set starts_at = now() - interval '1 minute', ends_at = now() + interval '59 minutes' where id = ?::uuid", id);
        List<ConsumerRecord<String, String>> started = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("MaintenanceStarted") && r.value().contains(id), 1, Duration.ofSeconds(20));
        assertEquals(1, started.size());
        EventSchemaAssert.assertMatchesSchema(started.get(0).value());
        assertTrue(started.get(0).value().contains("\"services\":[\"" + service + "\"]"));
        assertTrue(started.get(0).value().contains("\"incidentId\":null"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/api/v1/status").then()
                .body("components.find { it.name == 'Database " + service + "' }.status", equalTo("UNDER_MAINTENANCE")));

        TestDatabase.execute("update maintenance set ends_at = now() - interval '1 second' where id = ?::uuid", id);
        List<ConsumerRecord<String, String>> ended = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("MaintenanceEnded") && r.value().contains(id), 1, Duration.ofSeconds(20));
        assertEquals(1, ended.size());
        EventSchemaAssert.assertMatchesSchema(ended.get(0).value());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("alice", "responder")).get("/api/v1/maintenances")
                        .then().body("find { it.id == '" + id + "' }.state", equalTo("COMPLETED")));
        given().get("/api/v1/status").then()
                .body("components.find { it.name == 'Database " + service + "' }.status", equalTo("OPERATIONAL"));
    }

    @Test
    void aScheduledWindowCanBeCancelledAndNeverStarts() {
        Instant start = Instant.now().plus(Duration.ofDays(1));
        String id = given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Network work\",\"services\":[\"edge\"],\"startsAt\":\"" + start + "\",\"endsAt\":\""
                        + start.plus(Duration.ofHours(2)) + "\"}")
                .post("/api/v1/maintenances").then().statusCode(201).extract().path("id");
        given().header("Authorization", commander()).post("/api/v1/maintenances/" + id + "/cancel").then()
                .statusCode(200).body("state", equalTo("CANCELLED"));
        given().header("Authorization", commander()).post("/api/v1/maintenances/" + id + "/cancel").then()
                .statusCode(409);
    }

    @Test
    void badWindowsAreRejectedAndLeaveNothingBehind() {
        long before = TestDatabase.count("select count(*) from maintenance");
        Instant start = Instant.now().plus(Duration.ofDays(1));
        String valid = "{\"title\":\"t\",\"services\":[\"edge\"],\"startsAt\":\"" + start + "\",\"endsAt\":\""
                + start.plus(Duration.ofHours(1)) + "\"}";
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"services\":[\"edge\"],\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start + "\"}")
                .post("/api/v1/maintenances").then().statusCode(422).body("errors", hasItem(startsWith("endsAt")));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"services\":[],\"startsAt\":null}")
                .post("/api/v1/maintenances").then().statusCode(422)
                .body("errors", hasItem(startsWith("title"))).body("errors", hasItem(startsWith("services")));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"services\":[\"edge\"],\"startsAt\":\"tomorrow\"}")
                .post("/api/v1/maintenances").then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("alice", "responder")).contentType(ContentType.JSON)
                .body(valid).post("/api/v1/maintenances").then().statusCode(403);
        given().contentType(ContentType.JSON).body(valid).post("/api/v1/maintenances").then().statusCode(401);
        given().header("Authorization", commander()).post("/api/v1/maintenances/" + UUID.randomUUID() + "/cancel")
                .then().statusCode(404);
        assertEquals(before, TestDatabase.count("select count(*) from maintenance"));
    }
}
