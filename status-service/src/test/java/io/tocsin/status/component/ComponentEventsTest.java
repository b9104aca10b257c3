package io.tocsin.status.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the status page calls a service reaches notification-service as ComponentChanged: on add, rename and removal,
 * from the outbox; components configured before the event existed are announced by a migration. Bad input and the
 * wrong role publish nothing.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ComponentEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void addingRenamingAndRemovingAComponentIsPublished() throws Exception {
        String service = "pay-" + UUID.randomUUID().toString().substring(0, 6);
        String id = given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"Payments\",\"group\":\"Shop\"}")
                .post("/api/v1/components").then().statusCode(201).extract().path("id");
        given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Card payments\"}").put("/api/v1/components/" + id).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("root", "admin")).delete("/api/v1/components/" + id)
                .then().statusCode(204);

        List<JsonNode> events = changes(service, 3);
        assertEquals(3, events.size(), "one event per change, none twice: " + events);
        assertEquals(List.of("Payments", "Card payments", "Card payments"),
                events.stream().map(e -> e.path("data").path("name").asText()).toList());
        assertEquals(List.of(false, false, true),
                events.stream().map(e -> e.path("data").path("removed").asBoolean()).toList());
        assertEquals("Shop", events.get(0).path("data").path("group").asText());
        assertEquals(id, events.get(0).path("data").path("componentId").asText());
    }

    @Test
    void badInputAndTheWrongRolePublishNothing() throws Exception {
        String service = "bad-" + UUID.randomUUID().toString().substring(0, 6);
        long outbox = TestDatabase.count("select count(*) from outbox");
        given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"\"}").post("/api/v1/components")
                .then().statusCode(422).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("carol", "incident-commander")).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"Ok\"}").post("/api/v1/components")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("root", "admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"Renamed\"}").put("/api/v1/components/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        assertEquals(outbox, TestDatabase.count("select count(*) from outbox"), "nothing appended");
        assertEquals(0, TestDatabase.count("select count(*) from component where service = ?", service));
    }

    @Test
    void theMigrationAnnouncesComponentsThatExistedBefore() throws Exception {
        String service = "old-" + UUID.randomUUID().toString().substring(0, 6);
        // A component as an older version stored it: no event.
        TestDatabase.execute("insert into component (id, service, name, group_name, position, created_at) "
                + "values (?::uuid, ?, 'Legacy search', null, 0, now())", UUID.randomUUID().toString(), service);
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V5_133__announce_components.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TestDatabase.execute(migration);

        List<JsonNode> events = changes(service, 1);
        assertEquals(1, events.size(), events.toString());
        assertEquals("Legacy search", events.get(0).path("data").path("name").asText());
        assertTrue(events.get(0).path("data").path("group").isNull());
    }

    /** The ComponentChanged events of one service on Kafka, each checked against its schema. */
    private static List<JsonNode> changes(String service, int expected) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("\"ComponentChanged\"") && r.value().contains("\"" + service + "\""),
                expected, Duration.ofSeconds(30));
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            EventSchemaAssert.assertMatchesSchema(r.value());
            events.add(MAPPER.readTree(r.value()));
        }
        // No incident, so no key: the events may sit on different partitions. Consumers keep the newest by time.
        events.sort(java.util.Comparator.comparing(e -> java.time.Instant.parse(e.path("occurredAt").asText())));
        return events;
    }
}
