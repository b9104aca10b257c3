package io.tocsin.incident.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tocsin.commons.security.ActionTokens;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Working an incident from a phone: every action, its timeline entry, its event, and who may do it. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class IncidentLifecycleTest {

    private static final String ALICE = TestTokens.bearer("alice", "responder");
    private static final String CAROL = TestTokens.bearer("carol", "incident-commander");

    private final ObjectMapper mapper = new ObjectMapper();
    private String key;

    @BeforeEach
    void integration() {
        key = Integrations.create("generic").key();
    }

    @Test
    void acknowledgeAssignsTheAcknowledgerAndIsIdempotent() throws Exception {
        String id = trigger("critical");
        action(ALICE, id, "acknowledge", null).statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED"))
                .body("assignee.id", equalTo("alice"))
                .body("assignee.email", equalTo("alice@example.test"))
                .body("secondsToRespond", nullValue());
        action(ALICE, id, "acknowledge", null).statusCode(200).body("status", equalTo("ACKNOWLEDGED"));

        List<JsonNode> events = events(id, 2);
        assertEquals(List.of("IncidentTriggered", "IncidentAcknowledged"), types(events), "one ack event, not two");
        assertEquals("alice@example.test", events.get(1).at("/data/actor/email").asText());
        assertEquals("alice", events.get(1).at("/data/assignee/id").asText());
    }

    @Test
    void theWholeLifecycleIsOnTheTimelineAndOnKafkaInOrder() throws Exception {
        String id = trigger("error");
        action(ALICE, id, "notes", "{\"text\":\"Looking at the load balancer\"}").statusCode(201);
        action(CAROL, id, "priority", "{\"priority\":\"P1\",\"reason\":\"customers cannot pay\"}").statusCode(200)
                .body("priority", equalTo("P1"));
        action(CAROL, id, "phase", "{\"phase\":\"containment\"}").statusCode(200).body("phase", equalTo("CONTAINMENT"));
        action(CAROL, id, "snooze", "{\"minutes\":10}").statusCode(200).body("snoozedUntil", notNullValue());
        action(CAROL, id, "assign", "{\"id\":\"dave\",\"name\":\"Dave\",\"email\":\"dave@example.test\"}")
                .statusCode(200).body("assignee.name", equalTo("Dave"));
        action(ALICE, id, "acknowledge", null).statusCode(200).body("assignee.id", equalTo("dave"));
        action(ALICE, id, "resolve", "{\"note\":\"rolled back\"}").statusCode(200).body("status", equalTo("RESOLVED"));
        action(ALICE, id, "resolve", null).statusCode(200);
        action(ALICE, id, "acknowledge", null).statusCode(409).contentType("application/problem+json");
        action(ALICE, id, "reopen", "{\"reason\":\"it is back\"}").statusCode(200)
                .body("status", equalTo("TRIGGERED")).body("secondsToRespond", notNullValue());

        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then().statusCode(200)
                .body("kind", equalTo(List.of("triggered", "note", "priority-changed", "phase-changed", "snoozed",
                        "assigned", "acknowledged", "resolved", "reopened")))
                .body("actor", hasItem("user:carol"));

        List<JsonNode> events = events(id, 9);
        assertEquals(List.of("IncidentTriggered", "IncidentNoteAdded", "IncidentPriorityChanged", "IncidentPhaseChanged",
                "IncidentSnoozed", "IncidentAssigned", "IncidentAcknowledged", "IncidentResolved", "IncidentReopened"),
                types(events));
        assertEquals("P2", events.get(2).at("/data/previousPriority").asText());
        assertEquals("customers cannot pay", events.get(2).at("/data/reason").asText());
    }

    @Test
    void responderRolesAreEnforced() {
        String id = trigger("warning");
        long before = TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id);
        action(ALICE, id, "priority", "{\"priority\":\"P1\",\"reason\":\"x\"}").statusCode(403)
                .contentType("application/problem+json");
        action(ALICE, id, "phase", "{\"phase\":\"analysis\"}").statusCode(403);
        action(ALICE, id, "assign", "{\"id\":\"dave\"}").statusCode(403);
        action(TestTokens.bearer("sam", "stakeholder"), id, "acknowledge", null).statusCode(403);
        given().contentType(ContentType.JSON).post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(401);
        action(ALICE, id, "assign", "{\"id\":\"alice\"}").statusCode(200).body("assignee.id", equalTo("alice"));
        assertEquals(before + 1, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id));
    }

    @Test
    void onlyTheAssigneeOrACommanderMaySnooze() {
        String id = trigger("critical");
        long before = TestDatabase.count("select count(*) from outbox");
        action(ALICE, id, "snooze", "{\"minutes\":1440}").statusCode(403).contentType("application/problem+json");
        action(TestTokens.bearer("sam", "stakeholder"), id, "snooze", "{\"minutes\":10}").statusCode(403);
        assertEquals(before, TestDatabase.count("select count(*) from outbox"), "a refused snooze publishes nothing");
        action(ALICE, id, "assign", "{\"id\":\"alice\"}").statusCode(200);
        action(TestTokens.bearer("bob", "responder"), id, "snooze", "{\"minutes\":60}").statusCode(403);
        action(ALICE, id, "snooze", "{\"minutes\":10}").statusCode(200).body("snoozedUntil", notNullValue());
        action(CAROL, trigger("critical"), "snooze", "{\"minutes\":10}").statusCode(200);
    }

    @Test
    void aServiceActsOnlyForThePersonItsOneTapLinkWasIssuedTo() {
        String service = TestTokens.bearer("notification-service", "service");
        ActionTokens links = new ActionTokens(ConfigProvider.getConfig().getValue("tocsin.links.secret", String.class)
                .getBytes(StandardCharsets.UTF_8));
        String id = trigger("critical");
        String other = trigger("critical");
        UUID link = UUID.randomUUID();
        String bob = "{\"id\":\"bob\",\"name\":\"Bob\",\"email\":\"bob@example.test\"}";
        long before = TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id);
        // A leaked service token alone acts for nobody.
        action(service, id, "acknowledge", "{\"onBehalfOf\":" + bob + "}").statusCode(403)
                .contentType("application/problem+json");
        action(service, id, "acknowledge", null).statusCode(403);
        // A link of someone else, of another incident, for another action, or forged: refused.
        action(service, id, "acknowledge", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + links.sign(link, UUID.fromString(id), "alice", "ACKNOWLEDGE") + "\"}").statusCode(403);
        action(service, id, "acknowledge", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + links.sign(link, UUID.fromString(other), "bob", "ACKNOWLEDGE") + "\"}").statusCode(403);
        action(service, id, "resolve", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + links.sign(link, UUID.fromString(id), "bob", "ACKNOWLEDGE") + "\"}").statusCode(403);
        action(service, id, "acknowledge", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + new ActionTokens("some other key, 32 bytes long...".getBytes(StandardCharsets.UTF_8))
                .sign(link, UUID.fromString(id), "bob", "ACKNOWLEDGE") + "\"}").statusCode(403);
        assertEquals(before, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id));
        // The link issued to Bob for this incident's acknowledge: Bob acknowledges.
        action(service, id, "acknowledge", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + links.sign(link, UUID.fromString(id), "bob", "ACKNOWLEDGE") + "\"}").statusCode(200)
                .body("assignee.id", equalTo("bob"));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("actor", hasItem("user:Bob"));
        // The service can do nothing else, and a person cannot name anybody.
        given().header("Authorization", service).get("/api/v1/incidents/" + id).then().statusCode(403);
        action(service, id, "notes", "{\"text\":\"hi\"}").statusCode(403);
        action(ALICE, other, "acknowledge", "{\"onBehalfOf\":" + bob + ",\"link\":\""
                + links.sign(link, UUID.fromString(other), "bob", "ACKNOWLEDGE") + "\"}").statusCode(200)
                .body("assignee.id", equalTo("alice"));
    }

    @Test
    void etagsLetAPhoneSkipUnchangedIncidents() {
        String id = trigger("info");
        String etag = given().header("Authorization", ALICE).get("/api/v1/incidents/" + id)
                .then().statusCode(200).extract().header("ETag");
        assertNotNull(etag);
        given().header("Authorization", ALICE).header("If-None-Match", etag).get("/api/v1/incidents/" + id)
                .then().statusCode(304);
        action(ALICE, id, "notes", "{\"text\":\"changed\"}").statusCode(201);
        String newer = given().header("Authorization", ALICE).header("If-None-Match", etag)
                .get("/api/v1/incidents/" + id).then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, newer);
    }

    @Test
    void listsAreCompactFilteredAndPaged() {
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", ALICE).contentType(ContentType.JSON)
                    .body("{\"service\":\"" + service + "\",\"priority\":\"" + (i % 2 == 0 ? "P1" : "P3")
                            + "\",\"summary\":\"manual " + i + "\"}")
                    .post("/api/v1/incidents").then().statusCode(201);
        }
        var first = given().header("Authorization", ALICE)
                .get("/api/v1/incidents?service=" + service + "&priority=P1,P2&limit=2")
                .then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.priority", not(hasItem("P3")))
                .body("items[0].links", nullValue())
                .body("nextCursor", notNullValue()).extract();
        given().header("Authorization", ALICE)
                .get("/api/v1/incidents?service=" + service + "&priority=P1,P2&limit=2&cursor=" + first.path("nextCursor"))
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", nullValue())
                .body("items[0].summary", equalTo("manual 0"));

        String mine = given().header("Authorization", ALICE).get("/api/v1/incidents?service=" + service).then()
                .extract().path("items[0].id");
        action(ALICE, mine, "acknowledge", null).statusCode(200);
        given().header("Authorization", ALICE).get("/api/v1/incidents?service=" + service + "&assignee=me")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].id", equalTo(mine));

        given().header("Authorization", ALICE).get("/api/v1/incidents?limit=0").then().statusCode(400)
                .contentType("application/problem+json");
        given().header("Authorization", ALICE).get("/api/v1/incidents?cursor=garbage").then().statusCode(400);
        given().header("Authorization", ALICE).get("/api/v1/incidents?status=sleeping").then().statusCode(400);
        given().header("Authorization", ALICE).get("/api/v1/incidents?priority=P9").then().statusCode(400);
    }

    @Test
    void badActionBodiesAre4xxAndChangeNothing() {
        String id = trigger("error");
        long before = TestDatabase.count("select count(*) from outbox");
        action(CAROL, id, "priority", "{\"priority\":\"P7\",\"reason\":\"x\"}").statusCode(422)
                .contentType("application/problem+json");
        action(CAROL, id, "priority", "{\"priority\":\"P1\"}").statusCode(422);
        action(CAROL, id, "phase", "{\"phase\":\"panic\"}").statusCode(422);
        action(CAROL, id, "snooze", "{\"minutes\":-5}").statusCode(422);
        action(ALICE, id, "notes", "{\"text\":\"\"}").statusCode(422);
        action(ALICE, id, "notes", "{not json").statusCode(400);
        action(ALICE, UUID.randomUUID().toString(), "acknowledge", null).statusCode(404)
                .contentType("application/problem+json");
        assertEquals(before, TestDatabase.count("select count(*) from outbox"));
    }

    private String trigger(String severity) {
        return given().contentType(ContentType.JSON)
                .body("{\"summary\":\"checkout errors\",\"severity\":\"" + severity + "\"}")
                .post("/api/v1/integrations/" + key + "/generic")
                .then().statusCode(202).extract().path("incidentId");
    }

    private static ValidatableResponse action(String auth, String id, String action, String body) {
        var request = given().header("Authorization", auth).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/v1/incidents/" + id + "/" + action).then();
    }

    private List<JsonNode> events(String id, int expected) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()), expected, Duration.ofSeconds(20));
        List<JsonNode> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventSchemaAssert.assertMatchesSchema(record.value());
            events.add(mapper.readTree(record.value()));
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }
}
