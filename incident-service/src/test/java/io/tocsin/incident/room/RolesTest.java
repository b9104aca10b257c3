package io.tocsin.incident.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incident roles from a phone: assign, hand over, release; idempotent, on the timeline, on Kafka, by the rules. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class RolesTest {

    static final String ALICE = TestTokens.bearer("alice", "responder");
    static final String BOB = TestTokens.bearer("bob", "responder");
    static final String CAROL = TestTokens.bearer("carol", "incident-commander");

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void takingCommandHandingItOverAndStaffingTheRoomAreOnTheTimelineAndOnKafka() throws Exception {
        String id = openIncident(ALICE, "P1");
        role(ALICE, id, "commander", "assign", null).statusCode(200)
                .body("commander.id", equalTo("alice"))
                .body("commander.email", equalTo("alice@example.test"))
                .body("scribe", nullValue());
        // The commander staffs the room: a scribe, a communications lead, two responders.
        role(ALICE, id, "scribe", "assign", "{\"id\":\"dave\",\"name\":\"Dave\",\"email\":\"dave@example.test\"}")
                .statusCode(200).body("scribe.name", equalTo("Dave")).body("scribe.assignedBy", equalTo("user:alice"));
        role(ALICE, id, "communications-lead", "assign", "{\"id\":\"erin\",\"name\":\"Erin\"}").statusCode(200);
        role(ALICE, id, "responder", "assign", "{\"id\":\"bob\",\"name\":\"Bob\"}").statusCode(200);
        role(BOB, id, "responder", "assign", "{\"id\":\"frank\",\"name\":\"Frank\"}").statusCode(403)
                .contentType("application/problem+json");
        role(CAROL, id, "responder", "assign", "{\"id\":\"frank\",\"name\":\"Frank\"}").statusCode(200)
                .body("responders.id", equalTo(List.of("bob", "frank")));
        role(ALICE, id, "commander", "hand-over", "{\"to\":{\"id\":\"bob\",\"name\":\"Bob\",\"email\":\"bob@example.test\"}}")
                .statusCode(200).body("commander.id", equalTo("bob"));
        role(ALICE, id, "scribe", "release", "{\"id\":\"dave\"}").statusCode(403)
                .body("detail", containsString("commander"));
        role(BOB, id, "scribe", "release", "{\"id\":\"dave\"}").statusCode(200).body("scribe", nullValue());
        role(BOB, id, "responder", "release", null).statusCode(200).body("responders.id", equalTo(List.of("frank")));

        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then().statusCode(200)
                .body("kind", equalTo(List.of("triggered", "role-assigned", "role-assigned", "role-assigned",
                        "role-assigned", "role-assigned", "role-handed-over", "role-released", "role-released")))
                .body("detail", hasItem("commander: alice → Bob"))
                .body("actor", hasItem("user:carol"));

        List<JsonNode> events = roleEvents(id, 8);
        JsonNode handOver = events.get(5);
        assertEquals("HANDED_OVER", handOver.at("/data/change").asText());
        assertEquals("COMMANDER", handOver.at("/data/role").asText());
        assertEquals("bob", handOver.at("/data/holder/id").asText());
        assertEquals("alice", handOver.at("/data/previousHolder/id").asText());
        assertEquals("alice", handOver.at("/data/actor/id").asText());
        assertTrue(handOver.at("/data/roomUrl").asText().startsWith("http://127.0.0.1:8081/room/"),
                "the new commander gets a room link: " + handOver.at("/data/roomUrl"));
        JsonNode released = events.get(6);
        assertEquals("RELEASED", released.at("/data/change").asText());
        assertTrue(released.at("/data/roomUrl").isNull(), "no link for who leaves");
    }

    @Test
    void everyRequestIsIdempotentSoAPhoneMayRetry() throws Exception {
        String id = openIncident(ALICE, "P2");
        for (int i = 0; i < 2; i++) {
            role(ALICE, id, "commander", "assign", null).statusCode(200).body("commander.id", equalTo("alice"));
        }
        for (int i = 0; i < 2; i++) {
            role(ALICE, id, "commander", "hand-over", "{\"to\":{\"id\":\"bob\"}}").statusCode(200)
                    .body("commander.id", equalTo("bob"));
        }
        role(BOB, id, "scribe", "assign", "{\"id\":\"dave\"}").statusCode(200);
        for (int i = 0; i < 2; i++) {
            role(BOB, id, "scribe", "release", "{\"id\":\"dave\"}").statusCode(200).body("scribe", nullValue());
        }
        assertEquals(5, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id),
                "triggered, assigned, handed over, assigned, released: the repeats wrote nothing");
        assertEquals(4, roleEvents(id, 4).size(), "and published nothing");
    }

    @Test
    void aHeldRoleIsHandedOverNotTakenAndAResolvedIncidentGetsNoNewHolders() {
        String id = openIncident(ALICE, "P2");
        role(ALICE, id, "commander", "assign", null).statusCode(200);
        role(BOB, id, "commander", "assign", null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("hand the role over"));
        role(BOB, id, "commander", "hand-over", "{\"to\":{\"id\":\"bob\"}}").statusCode(409)
                .body("detail", containsString("alice is commander, not bob"));
        role(BOB, id, "commander", "hand-over", "{\"to\":{\"id\":\"bob\"},\"from\":\"alice\"}").statusCode(403);
        role(CAROL, id, "commander", "hand-over", "{\"to\":{\"id\":\"bob\"},\"from\":\"alice\"}").statusCode(200)
                .body("commander.id", equalTo("bob"));
        role(ALICE, id, "responder", "hand-over", "{\"to\":{\"id\":\"bob\"}}").statusCode(422);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + id + "/resolve").then().statusCode(200);
        role(BOB, id, "scribe", "assign", "{\"id\":\"dave\"}").statusCode(409);
        role(BOB, id, "commander", "release", null).statusCode(200).body("commander", nullValue());
    }

    @Test
    void wrongRolesBadInputAndUnknownIdsAreProblemsAndLeaveNothingBehind() {
        String id = openIncident(ALICE, "P3");
        long outbox = TestDatabase.count("select count(*) from outbox");
        long timeline = TestDatabase.count("select count(*) from timeline_entry");
        role(TestTokens.bearer("sam", "stakeholder"), id, "commander", "assign", null).statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder"))
                .get("/api/v1/incidents/" + id + "/roles").then().statusCode(403);
        given().contentType(ContentType.JSON).post("/api/v1/incidents/" + id + "/roles/commander/assign")
                .then().statusCode(401).contentType("application/problem+json");
        role(ALICE, id, "captain", "assign", null).statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("communications-lead"));
        role(ALICE, id, "scribe", "assign", "{not json").statusCode(400).contentType("application/problem+json");
        role(ALICE, id, "scribe", "assign", "{\"id\":42,\"name\":[1]}").statusCode(400);
        role(ALICE, id, "scribe", "assign", "{\"id\":\"\"}").statusCode(422).contentType("application/problem+json");
        role(ALICE, id, "scribe", "assign", "{\"id\":\"" + "x".repeat(300) + "\"}").statusCode(422);
        role(ALICE, id, "commander", "hand-over", "{}").statusCode(422);
        role(ALICE, id, "commander", "hand-over", null).statusCode(422);
        role(ALICE, UUID.randomUUID().toString(), "commander", "assign", null).statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + UUID.randomUUID() + "/roles").then()
                .statusCode(404);
        given().header("Authorization", ALICE).get("/api/v1/incidents/not-a-uuid/roles").then().statusCode(404);
        given().header("Authorization", ALICE).contentType(ContentType.XML).body("<a/>")
                .post("/api/v1/incidents/" + id + "/roles/commander/assign").then().statusCode(415);
        assertEquals(outbox, TestDatabase.count("select count(*) from outbox"));
        assertEquals(timeline, TestDatabase.count("select count(*) from timeline_entry"));
        assertEquals(0, TestDatabase.count("select count(*) from incident_role where incident_id = ?::uuid", id));
    }

    @Test
    void myIncidentsShowsMyRoles() {
        String erin = "erin-" + UUID.randomUUID().toString().substring(0, 8);
        String token = TestTokens.bearer(erin, "responder");
        String first = openIncident(ALICE, "P1");
        String second = openIncident(ALICE, "P2");
        role(token, first, "commander", "assign", null).statusCode(200);
        role(token, first, "responder", "assign", null).statusCode(200);
        role(token, second, "scribe", "assign", null).statusCode(200);
        given().header("Authorization", token).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + second + "/resolve").then().statusCode(200);

        given().header("Authorization", token).get("/api/v1/me/incidents").then().statusCode(200)
                .body("items.id", equalTo(List.of(first)))
                .body("items[0].roles", equalTo(List.of("commander", "responder")))
                .body("items[0].priority", equalTo("P1"));
        given().header("Authorization", token).get("/api/v1/me/incidents?status=all").then().statusCode(200)
                .body("items.id", equalTo(List.of(second, first)))
                .body("items[0].roles", equalTo(List.of("scribe")));
        given().header("Authorization", ALICE).get("/api/v1/me/incidents").then().statusCode(200)
                .body("items.id", not(hasItem(first)));
        given().header("Authorization", token).get("/api/v1/me/incidents?status=sleeping").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", token).get("/api/v1/me/incidents?limit=0").then().statusCode(400);
        given().header("Authorization", token).get("/api/v1/me/incidents?limit=abc").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'limit'"));
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).get("/api/v1/me/incidents").then()
                .statusCode(403);
    }

    static String openIncident(String auth, String priority) {
        return given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout-api\",\"priority\":\"" + priority + "\",\"summary\":\"payments failing\"}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse role(String auth, String id, String role, String action, String body) {
        var request = given().header("Authorization", auth).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/v1/incidents/" + id + "/roles/" + role + "/" + action).then();
    }

    private List<JsonNode> roleEvents(String id, int expected) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("\"IncidentRoleChanged\""), expected, Duration.ofSeconds(20));
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventSchemaAssert.assertMatchesSchema(record.value());
            events.add(mapper.readTree(record.value()));
        }
        return events;
    }
}
