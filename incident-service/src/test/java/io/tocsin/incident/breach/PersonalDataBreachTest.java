package io.tocsin.incident.breach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal-data breaches through the API, as a commander on a phone would: marking with a past awareness time,
 * recording the decision, unmarking, a classification rule that marks, who may, and bad input that leaves nothing.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class PersonalDataBreachTest {

    static final String ALICE = TestTokens.bearer("alice", "responder");
    static final String BOB = TestTokens.bearer("bob", "responder");
    static final String CAROL = TestTokens.bearer("carol", "incident-commander");
    static final String ROOT = TestTokens.bearer("root", "admin");

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theCommanderMarksABreachKnownSinceYesterdayAndRecordsTheDecisionInTime() throws Exception {
        String id = incidentCommandedByAlice();
        Instant aware = Instant.now().minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 2; i++) {                          // a phone may retry: the second changes nothing
            mark(ALICE, id, "{\"awareAt\":\"" + aware + "\",\"note\":\"customer export on a public bucket\"}")
                    .statusCode(200).body("marked", equalTo(true)).body("clock", equalTo("running"))
                    .body("awareAt", equalTo(aware.toString()))
                    .body("deadline", equalTo(aware.plus(Duration.ofHours(72)).toString()))
                    .body("source", equalTo("manual")).body("markedBy", equalTo("user:alice"))
                    .body("decision", nullValue());
        }
        Instant notified = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String decision = "{\"notifyAuthority\":true,\"authorityNotifiedAt\":\"" + notified + "\",\"authority\":\"BfDI\","
                + "\"reasoning\":\"addresses of 1200 customers were readable\",\"dataSubjectsInformed\":false}";
        for (int i = 0; i < 2; i++) {
            decide(ALICE, id, decision).statusCode(200).body("clock", equalTo("decided"))
                    .body("decision.notifyAuthority", equalTo(true)).body("decision.deadlineMet", equalTo(true))
                    .body("decision.reference", nullValue()).body("decision.decidedBy", equalTo("user:alice"));
        }
        // The reference number came a day later: an amendment, measured against the first decision still.
        decide(ALICE, id, decision.replace("\"BfDI\",", "\"BfDI\",\"reference\":\"BfDI-2026-0042\",")).statusCode(200)
                .body("decision.reference", equalTo("BfDI-2026-0042")).body("decision.deadlineMet", equalTo(true));
        mark(ALICE, id, "{\"awareAt\":\"" + aware.minusSeconds(3600) + "\"}").statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("decision was recorded"));

        given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/timeline").then().statusCode(200)
                .body("kind", equalTo(List.of("triggered", "role-assigned", "personal-data-breach-marked",
                        "personal-data-breach-decided", "personal-data-breach-decision-amended")))
                .body("[2].actor", equalTo("user:alice"))
                .body("[2].detail", containsString("decide on notifying the supervisory authority by "
                        + aware.plus(Duration.ofHours(72))))
                .body("[3].detail", containsString("within the 72 hours"));
        given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/timeline/verify").then()
                .body("intact", equalTo(true));

        List<JsonNode> marked = events(id, "PersonalDataBreachMarked", 1);
        assertEquals(1, marked.size(), "the retried mark published nothing");
        assertEquals(aware.toString(), Instant.parse(marked.get(0).at("/data/awareAt").asText()).toString());
        assertEquals("MANUAL", marked.get(0).at("/data/source").asText());
        assertEquals("alice", marked.get(0).at("/data/actor/id").asText());
        List<JsonNode> decided = events(id, "PersonalDataBreachDecided", 2);
        assertEquals(2, decided.size());
        assertTrue(decided.get(0).at("/data/deadlineMet").asBoolean());
        assertTrue(decided.get(1).at("/data/amended").asBoolean());
        assertEquals(decided.get(0).at("/data/decidedAt").asText(), decided.get(1).at("/data/decidedAt").asText());
    }

    @Test
    void aDecisionAfter72HoursIsRecordedAsLateAndUnmarkingStopsTheClock() throws Exception {
        String id = incidentCommandedByAlice();
        Instant aware = Instant.now().minus(Duration.ofHours(80)).truncatedTo(ChronoUnit.SECONDS);
        mark(CAROL, id, "{\"awareAt\":\"" + aware + "\"}").statusCode(200).body("clock", equalTo("overdue"));
        decide(ROOT, id, "{\"notifyAuthority\":false,\"reasoning\":\"encrypted at rest, key not exposed\","
                + "\"dataSubjectsInformed\":false}").statusCode(200).body("decision.deadlineMet", equalTo(false))
                .body("decision.decidedBy", equalTo("user:root"));
        assertTrue(events(id, "PersonalDataBreachDecided", 1).get(0).at("/data/deadlineMet").asBoolean() == false);

        String other = incidentCommandedByAlice();
        mark(ALICE, other, "{\"awareAt\":\"" + Instant.now().minusSeconds(60) + "\"}").statusCode(200);
        unmark(ALICE, other, "{\"reason\":\"the bucket held synthetic test data only\"}").statusCode(200)
                .body("marked", equalTo(false)).body("clock", equalTo("unmarked"))
                .body("unmarkReason", equalTo("the bucket held synthetic test data only"));
        unmark(ALICE, other, "{\"reason\":\"again\"}").statusCode(200).body("unmarkReason",
                equalTo("the bucket held synthetic test data only"));
        decide(ALICE, other, "{\"notifyAuthority\":false,\"reasoning\":\"x\",\"dataSubjectsInformed\":false}")
                .statusCode(409).contentType("application/problem+json");
        JsonNode unmarked = events(other, "PersonalDataBreachUnmarked", 1).get(0);
        assertEquals("the bucket held synthetic test data only", unmarked.at("/data/reason").asText());
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + other + "/timeline").then()
                .body("kind", hasItem("personal-data-breach-unmarked"))
                .body("detail", hasItem("Not a personal-data breach: the bucket held synthetic test data only"));
    }

    @Test
    void onlyTheIncidentsCommanderAnIncidentCommanderOrAnAdminMayMarkUnmarkOrDecide() {
        String id = incidentCommandedByAlice();
        String mark = "{\"awareAt\":\"" + Instant.now().minusSeconds(600) + "\"}";
        String decision = "{\"notifyAuthority\":false,\"reasoning\":\"low risk\",\"dataSubjectsInformed\":false}";
        long before = footprint();
        mark(BOB, id, mark).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("commander"));
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).contentType(ContentType.JSON)
                .body(mark).put(path(id)).then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(mark).put(path(id)).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).get(path(id)).then().statusCode(403);
        assertEquals(before, footprint(), "refused requests leave nothing");

        mark(ALICE, id, mark).statusCode(200);
        decide(BOB, id, decision).statusCode(403);
        unmark(BOB, id, "{\"reason\":\"not a breach\"}").statusCode(403);
        given().header("Authorization", BOB).get(path(id)).then().statusCode(200).body("clock", equalTo("running"));
        decide(CAROL, id, decision).statusCode(200);
        unmark(ROOT, id, "{\"reason\":\"not personal data\"}").statusCode(200);
    }

    @Test
    void badInputIsAProblemAndLeavesNothingBehind() {
        String id = incidentCommandedByAlice();
        long before = footprint();
        mark(ALICE, id, "{\"awareAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\"}").statusCode(422)
                .contentType("application/problem+json").body("errors", hasItem("awareAt: must not be in the future"));
        mark(ALICE, id, "{\"awareAt\":\"" + Instant.now().minus(Duration.ofDays(31)) + "\"}").statusCode(422)
                .body("errors", hasItem("awareAt: must be within the last 30 days"));
        mark(ALICE, id, "{\"note\":\"no time\"}").statusCode(422).contentType("application/problem+json");
        mark(ALICE, id, "{\"awareAt\":\"yesterday\"}").statusCode(400).contentType("application/problem+json");
        mark(ALICE, id, "{not json").statusCode(400).contentType("application/problem+json");
        mark(ALICE, id, null).statusCode(422).contentType("application/problem+json");
        mark(ALICE, UUID.randomUUID().toString(), "{\"awareAt\":\"" + Instant.now() + "\"}").statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"awareAt\":\"" + Instant.now() + "\"}")
                .put("/api/v1/incidents/not-a-uuid/personal-data-breach").then().statusCode(404);
        given().header("Authorization", ALICE).contentType(ContentType.XML).body("<a/>").put(path(id)).then()
                .statusCode(415);
        given().header("Authorization", ALICE).get(path(id)).then().statusCode(404)
                .contentType("application/problem+json");
        decide(ALICE, id, "{\"notifyAuthority\":false,\"reasoning\":\"x\",\"dataSubjectsInformed\":false}")
                .statusCode(409).body("detail", containsString("mark it first"));
        unmark(ALICE, id, "{\"reason\":\"x\"}").statusCode(404);
        assertEquals(before, footprint());

        mark(ALICE, id, "{\"awareAt\":\"" + Instant.now().minusSeconds(3600) + "\"}").statusCode(200);
        long marked = footprint();
        decide(ALICE, id, "{\"notifyAuthority\":false,\"dataSubjectsInformed\":false}").statusCode(422)
                .contentType("application/problem+json").body("errors[0]", containsString("reasoning"));
        decide(ALICE, id, "{\"notifyAuthority\":false,\"reasoning\":\"  \",\"dataSubjectsInformed\":false}")
                .statusCode(422);
        decide(ALICE, id, "{\"notifyAuthority\":true,\"reasoning\":\"risk\",\"dataSubjectsInformed\":false}")
                .statusCode(422).body("errors", hasItem(containsString("authorityNotifiedAt: must say when")));
        decide(ALICE, id, "{\"notifyAuthority\":true,\"authorityNotifiedAt\":\"" + Instant.now().plus(Duration.ofDays(1))
                + "\",\"reasoning\":\"risk\",\"dataSubjectsInformed\":false}").statusCode(422);
        decide(ALICE, id, "{\"notifyAuthority\":false,\"reference\":\"R-1\",\"reasoning\":\"low\","
                + "\"dataSubjectsInformed\":false}").statusCode(422);
        decide(ALICE, id, "{\"notifyAuthority\":\"maybe\",\"reasoning\":\"low\",\"dataSubjectsInformed\":false}")
                .statusCode(400);
        decide(ALICE, id, "{\"notifyAuthority\":false,\"reasoning\":\"low\"}").statusCode(422);
        unmark(ALICE, id, "{}").statusCode(422);
        unmark(ALICE, id, "{\"reason\":\"\"}").statusCode(422);
        assertEquals(marked, footprint());
        given().header("Authorization", ALICE).get(path(id)).then().body("decision", nullValue())
                .body("clock", equalTo("running"));
    }

    @Test
    void aClassificationRuleMarksTheIncidentItOpensAwareFromTheAlertsArrival() throws Exception {
        String marker = "pii-" + UUID.randomUUID().toString().substring(0, 8);
        String ruleId = given().header("Authorization", ROOT).contentType(ContentType.JSON)
                .body("{\"name\":\"Customer data exposed\",\"position\":1,\"summary\":\"" + marker + "\","
                        + "\"priority\":\"P1\",\"personalDataBreach\":true}")
                .post("/api/v1/classification-rules").then().statusCode(201).body("personalDataBreach", equalTo(true))
                .extract().path("id");
        try {
            given().header("Authorization", ROOT).contentType(ContentType.JSON)
                    .body("{\"severity\":\"info\",\"summary\":\"" + marker + " in bucket\",\"service\":\"checkout-api\"}")
                    .post("/api/v1/classification-rules/dry-run").then().statusCode(200)
                    .body("personalDataBreach", equalTo(true));
            String key = Integrations.create("generic").key();
            Instant before = Instant.now();
            String incident = given().contentType(ContentType.JSON)
                    .body("{\"summary\":\"" + marker + " readable without auth\",\"severity\":\"warning\"}")
                    .post("/api/v1/integrations/" + key + "/generic").then().statusCode(202).extract().path("incidentId");
            String plain = given().contentType(ContentType.JSON)
                    .body("{\"summary\":\"disk full\",\"severity\":\"warning\",\"dedup_key\":\"" + marker + "\"}")
                    .post("/api/v1/integrations/" + key + "/generic").then().statusCode(202).extract().path("incidentId");

            Instant aware = Instant.parse(given().header("Authorization", ALICE).get(path(incident)).then()
                    .statusCode(200).body("source", equalTo("rule")).body("rule", equalTo("Customer data exposed"))
                    .body("clock", equalTo("running")).body("markedBy", containsString("integration:"))
                    .extract().path("awareAt"));
            assertTrue(!aware.isBefore(before.truncatedTo(ChronoUnit.MILLIS)) && !aware.isAfter(Instant.now()), aware.toString());
            given().header("Authorization", ALICE).get("/api/v1/incidents/" + incident + "/timeline").then()
                    .body("kind", equalTo(List.of("triggered", "personal-data-breach-marked")))
                    .body("[1].detail", containsString("marked by classification rule 'Customer data exposed'"));
            given().header("Authorization", ALICE).get("/api/v1/incidents/" + incident + "/timeline/verify").then()
                    .body("intact", equalTo(true)).body("entries", equalTo(2));
            JsonNode event = events(incident, "PersonalDataBreachMarked", 1).get(0);
            assertEquals("RULE", event.at("/data/source").asText());
            assertEquals("Customer data exposed", event.at("/data/rule").asText());
            assertEquals("INTEGRATION", event.at("/data/actor/kind").asText());
            given().header("Authorization", ALICE).get(path(plain)).then().statusCode(404);
            // A later alert of the same incident does not mark it again.
            given().contentType(ContentType.JSON)
                    .body("{\"summary\":\"" + marker + " readable without auth\",\"severity\":\"warning\"}")
                    .post("/api/v1/integrations/" + key + "/generic").then().statusCode(202);
            assertEquals(1, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid "
                    + "and kind = 'personal-data-breach-marked'", incident));
        } finally {
            given().header("Authorization", ROOT).delete("/api/v1/classification-rules/" + ruleId).then().statusCode(204);
        }
    }

    /** A P1 incident whose commander is Alice, a responder. */
    static String incidentCommandedByAlice() {
        String id = given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout-api\",\"priority\":\"P1\",\"summary\":\"customer data exposed\"}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + id + "/roles/commander/assign").then().statusCode(200);
        return id;
    }

    private static long footprint() {
        return TestDatabase.count("select count(*) from outbox") + TestDatabase.count("select count(*) from timeline_entry")
                + TestDatabase.count("select count(*) from personal_data_breach");
    }

    private static String path(String id) {
        return "/api/v1/incidents/" + id + "/personal-data-breach";
    }

    private static ValidatableResponse mark(String auth, String id, String body) {
        var request = given().header("Authorization", auth).contentType(ContentType.JSON);
        return (body == null ? request : request.body(body)).put(path(id)).then();
    }

    private static ValidatableResponse decide(String auth, String id, String body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .put(path(id) + "/decision").then();
    }

    private static ValidatableResponse unmark(String auth, String id, String body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post(path(id) + "/unmark").then();
    }

    private List<JsonNode> events(String id, String type, int expected) throws Exception {
        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("\"" + type + "\""), expected, Duration.ofSeconds(20));
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventSchemaAssert.assertMatchesSchema(record.value());
            events.add(mapper.readTree(record.value()));
        }
        return events;
    }
}
