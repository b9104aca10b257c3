package io.tocsin.status.postmortem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EvidenceAdded;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Callers;
import io.tocsin.status.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Postmortems opened by resolved P1/P2 incidents, prefilled, reviewed, published, exported; action items. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class PostmortemTest {

    private static String commander() {
        return TestTokens.bearer("carol", "incident-commander");
    }

    private static String stakeholder() {
        return TestTokens.bearer("sam", "stakeholder");
    }

    /** A whole incident: trigger, acknowledge, a stakeholder email, resolve. */
    static UUID resolvedIncident(Priority priority) {
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String s = "orders-api";
        Events.publish(Envelope.of(new IncidentTriggered(s, priority, "error", "orders failing", "prometheus", "k",
                t0.plusSeconds(900), List.of(), INTEGRATION), incident, t0));
        Events.publish(Envelope.of(new IncidentAcknowledged(s, priority, "orders failing", ALICE, ALICE), incident,
                t0.plusSeconds(120)));
        Events.publish(Envelope.of(new NotificationDelivered("d-9", UUID.randomUUID(), "stakeholder-update",
                "STAKEHOLDER", "board-member", "Board", ContactMethod.Kind.EMAIL, 1), incident, t0.plusSeconds(300)));
        Events.publish(Envelope.of(new IncidentResolved(s, priority, "orders failing", t0, t0.plusSeconds(120), ALICE),
                incident, t0.plus(Duration.ofMinutes(83))));
        return incident;
    }

    static String awaitPostmortem(UUID incident) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                TestDatabase.count("select count(*) from postmortem where incident_id = ?::uuid", incident.toString()) == 1);
        List<String> ids = given().header("Authorization", commander()).queryParam("incidentId", incident.toString())
                .get("/api/v1/postmortems").then().statusCode(200).extract().path("id");
        return ids.get(0);
    }

    /**
     * Every P1 and P2 opens a postmortem, so a busy installation holds hundreds of thousands: the list is a page (newest
     * first) and a client finds an incident's postmortem by its id, never by reading them all (a local stack with 942,000
     * postmortems answered the unbounded list with an OutOfMemoryError).
     */
    @Test
    void theListIsAPageAndFindsTheOneOfAnIncident() {
        UUID first = resolvedIncident(Priority.P1);
        UUID second = resolvedIncident(Priority.P1);
        UUID third = resolvedIncident(Priority.P1);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestDatabase.count(
                "select count(*) from postmortem where incident_id in (?::uuid, ?::uuid, ?::uuid)",
                first.toString(), second.toString(), third.toString()) == 3);

        given().header("Authorization", commander()).queryParam("limit", 2).get("/api/v1/postmortems")
                .then().statusCode(200).body("size()", equalTo(2));
        given().header("Authorization", commander()).queryParam("incidentId", first.toString())
                .get("/api/v1/postmortems").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].incidentId", equalTo(first.toString()));
        // A stakeholder does not learn that an unpublished one exists.
        given().header("Authorization", stakeholder()).queryParam("incidentId", first.toString())
                .get("/api/v1/postmortems").then().statusCode(200).body("size()", equalTo(0));
        // Out of range is 422 and malformed is 400, as on every list.
        for (String outOfRange : List.of("limit=0", "limit=501", "offset=-1")) {
            given().header("Authorization", commander()).get("/api/v1/postmortems?" + outOfRange)
                    .then().statusCode(422).contentType(containsString("application/problem+json"));
        }
        for (String malformed : List.of("limit=ten", "incidentId=not-a-uuid")) {
            given().header("Authorization", commander()).get("/api/v1/postmortems?" + malformed)
                    .then().statusCode(400).contentType(containsString("application/problem+json"));
        }
    }

    /** Action items are a page too, with the same limits. */
    @Test
    void actionItemsAreAPage() {
        String id = awaitPostmortem(resolvedIncident(Priority.P2));
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", commander()).contentType(ContentType.JSON)
                    .body("{\"title\":\"Item " + i + "\",\"dueDate\":\"2099-01-01\",\"priority\":\"P3\"}")
                    .post("/api/v1/postmortems/" + id + "/action-items").then().statusCode(201);
        }
        given().header("Authorization", commander()).queryParam("limit", 2).get("/api/v1/action-items")
                .then().statusCode(200).body("size()", equalTo(2));
        given().header("Authorization", commander()).queryParam("limit", 501).get("/api/v1/action-items")
                .then().statusCode(422).contentType(containsString("application/problem+json"));
        given().header("Authorization", commander()).queryParam("offset", -1).get("/api/v1/action-items?overdue=true")
                .then().statusCode(422).contentType(containsString("application/problem+json"));
    }

    @Test
    void aResolvedP2OpensAPrefilledDraftThatGoesThroughReviewToPublication() throws Exception {
        UUID incident = resolvedIncident(Priority.P2);
        String id = awaitPostmortem(incident);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then().statusCode(200)
                        .body("status", equalTo("DRAFT"))
                        .body("priority", equalTo("P2"))
                        .body("sections.timelinePrefilled", equalTo(true))
                        .body("sections.timeline", containsString("P2 orders-api: orders failing"))
                        .body("sections.timeline", containsString("Acknowledged"))
                        .body("sections.timeline", containsString("Resolved"))
                        .body("sections.communicationLog", containsString("Stakeholder update delivered to Board"))
                        .body("sections.impact.duration", equalTo("1 h 23 min")));

        // Stakeholders see nothing until it is published.
        given().header("Authorization", stakeholder()).get("/api/v1/postmortems/" + id).then().statusCode(404);
        given().get("/postmortems/" + id).then().statusCode(404).contentType(containsString("text/html"));
        given().header("Authorization", stakeholder()).get("/api/v1/postmortems").then().statusCode(200)
                .body("id", not(hasItem(id)));
        // Responders read but do not edit.
        given().header("Authorization", TestTokens.bearer("alice", "responder")).get("/api/v1/postmortems/" + id)
                .then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("alice", "responder")).contentType(ContentType.JSON)
                .body("{\"rootCause\":\"x\"}").put("/api/v1/postmortems/" + id).then().statusCode(403);

        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"rootCause\":\"A connection pool of 10 for 400 requests/s.\",\"customersAffected\":\"About 3 % of orders\",\"documentationUpdates\":\"Runbook: pool sizing.\"}")
                .put("/api/v1/postmortems/" + id).then().statusCode(200)
                .body("sections.rootCause", equalTo("A connection pool of 10 for 400 requests/s."))
                .body("updatedBy", equalTo("carol"));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Add a pool size alarm\",\"owner\":\"bob\",\"dueDate\":\""
                        + LocalDate.now(ZoneOffset.UTC).plusDays(7) + "\",\"priority\":\"P2\"}")
                .post("/api/v1/postmortems/" + id + "/action-items").then().statusCode(201);
        given().header("Authorization", stakeholder()).get("/api/v1/action-items").then().statusCode(200)
                .body("title", not(hasItem("Add a pool size alarm")));
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/publish")
                .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/submit")
                .then().statusCode(200).body("status", equalTo("IN_REVIEW"));
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/publish")
                .then().statusCode(200).body("status", equalTo("PUBLISHED"));

        List<ConsumerRecord<String, String>> published = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("PostmortemPublished") && r.value().contains(id), 1, Duration.ofSeconds(20));
        assertEquals(1, published.size());
        EventSchemaAssert.assertMatchesSchema(published.get(0).value());
        assertEquals(incident.toString(), published.get(0).key());
        // The link stakeholder mails carry opens without a token: the public page of the published postmortem.
        String url = new com.fasterxml.jackson.databind.ObjectMapper().readTree(published.get(0).value())
                .at("/data/url").asText();
        assertEquals("http://127.0.0.1:8084/postmortems/" + id, url);
        String page = given().get(url.substring(url.indexOf("/postmortems/"))).then().statusCode(200)
                .contentType(containsString("text/html")).header("X-Robots-Tag", "noindex").extract().asString();
        assertTrue(page.contains("A connection pool of 10 for 400 requests/s."), "the root cause");
        assertTrue(page.contains("About 3 % of orders") && page.contains("1 h 23 min"), "the impact");
        assertTrue(page.contains("Runbook: pool sizing."));
        for (String internal : List.of("Board", "board@example.test", "Alice", "orders-api")) {
            assertFalse(page.contains(internal), "the public postmortem shows " + internal);
        }
        given().get("/postmortems/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/postmortems/not-an-id").then().statusCode(404);

        given().header("Authorization", stakeholder()).get("/api/v1/postmortems/" + id).then().statusCode(200);
        given().header("Authorization", stakeholder()).get("/api/v1/action-items").then().statusCode(200)
                .body("findAll { it.postmortemId == '" + id + "' }.title", hasItem("Add a pool size alarm"));
        String md = given().header("Authorization", stakeholder()).get("/api/v1/postmortems/" + id + "/export.md")
                .then().statusCode(200).contentType(containsString("text/markdown")).extract().asString();
        assertTrue(md.startsWith("# orders failing\n"));
        assertTrue(md.contains("## Root cause analysis\n\nA connection pool of 10 for 400 requests/s."));
        assertTrue(md.contains("- Customers affected: About 3 % of orders"));
        assertTrue(md.contains("## Timeline\n\n- "));
        assertTrue(md.contains("## Stakeholder communication log\n\n- "));
        assertTrue(md.contains("## Documentation updates\n\nRunbook: pool sizing."));

        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"rootCause\":\"changed\"}")
                .put("/api/v1/postmortems/" + id).then().statusCode(409);
    }

    @Test
    void theAuditColumnsNameTheCallerBySubjectWhileThePublishedEventCarriesTheirName() throws Exception {
        String id = awaitPostmortem(resolvedIncident(Priority.P1));
        String carol = Callers.named("u-5f2c", "Carol Commander", "incident-commander");

        given().header("Authorization", carol).contentType(ContentType.JSON).body("{\"rootCause\":\"A full disk.\"}")
                .put("/api/v1/postmortems/" + id).then().statusCode(200).body("updatedBy", equalTo("u-5f2c"));
        given().header("Authorization", carol).post("/api/v1/postmortems/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", carol).post("/api/v1/postmortems/" + id + "/publish").then().statusCode(200)
                .body("publishedBy", equalTo("u-5f2c")).body("updatedBy", equalTo("u-5f2c"));

        List<ConsumerRecord<String, String>> published = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("PostmortemPublished") && r.value().contains(id), 1, Duration.ofSeconds(20));
        com.fasterxml.jackson.databind.JsonNode actor = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(published.get(0).value()).at("/data/actor");
        assertEquals("u-5f2c", actor.path("id").asText());
        assertEquals("Carol Commander", actor.path("name").asText());
    }

    @Test
    void evidenceAttachedInIncidentServiceIsListedInThePostmortemButNotOnItsPublicPage() {
        UUID incident = resolvedIncident(Priority.P1);
        String id = awaitPostmortem(incident);
        String sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        Events.publish(Envelope.of(new EvidenceAdded("orders-api", Priority.P1, "orders failing",
                UUID.randomUUID().toString(), EvidenceAdded.Kind.FILE, "fw-edge.log", null, "text/plain", 4096L, null,
                sha, ALICE), incident, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then().statusCode(200)
                        .body("sections.evidence", containsString("Evidence fw-edge.log (text/plain, 4096 bytes), SHA-256 " + sha))
                        .body("sections.evidence", containsString("(Alice")));
        String md = given().header("Authorization", commander()).get("/api/v1/postmortems/" + id + "/export.md")
                .then().statusCode(200).extract().asString();
        assertTrue(md.contains("## Evidence\n\n- "), md);
        assertTrue(md.contains(sha), md);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/publish").then().statusCode(200);
        String page = given().get("/postmortems/" + id).then().statusCode(200).extract().asString();
        assertFalse(page.contains("fw-edge.log") || page.contains(sha), "forensic evidence is not public");
    }

    @Test
    void aPersonalDataBreachShowsItsGdprClockAndDecisionInThePostmortemButNotOnItsPublicPage() {
        UUID incident = resolvedIncident(Priority.P1);
        String id = awaitPostmortem(incident);
        given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then().statusCode(200)
                .body("sections.personalDataBreach", org.hamcrest.Matchers.nullValue());
        Instant aware = Instant.parse("2026-11-27T08:30:00Z");
        Instant deadline = aware.plus(Duration.ofHours(72));
        Instant decided = Instant.parse("2026-11-28T16:05:00Z");
        Events.publish(Envelope.of(new PersonalDataBreachMarked("orders-api", Priority.P1, "orders failing", aware,
                deadline, PersonalDataBreachMarked.Source.RULE, "pii-export", null, INTEGRATION), incident,
                aware.plusSeconds(60)));
        Events.publish(Envelope.of(new PersonalDataBreachDecided("orders-api", Priority.P1, "orders failing", aware,
                deadline, decided, true, decided, "BfDI", "BfDI-2026-0042", "addresses of 1200 customers were readable",
                false, null, true, false, ALICE), incident, decided));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then().statusCode(200)
                        .body("sections.personalDataBreach", startsWith("**Decided within the 72 hours.**"))
                        .body("sections.personalDataBreach", containsString("aware since 2026-11-27T08:30:00Z; deadline "
                                + "2026-11-30T08:30:00Z (72 h); marked by classification rule 'pii-export'"))
                        .body("sections.personalDataBreach", containsString("the supervisory authority (BfDI) was "
                                + "notified at 2026-11-28T16:05:00Z (reference BfDI-2026-0042); data subjects not "
                                + "informed (Art. 34); the 72 hours were met"))
                        .body("sections.personalDataBreach", containsString("Reasoning: addresses of 1200 customers"))
                        .body("sections.personalDataBreach", containsString("(Alice")));
        String md = given().header("Authorization", commander()).get("/api/v1/postmortems/" + id + "/export.md")
                .then().statusCode(200).extract().asString();
        assertTrue(md.contains("## Personal-data breach (GDPR Art. 33)\n\n**Decided within the 72 hours.**"), md);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/submit").then().statusCode(200);
        given().header("Authorization", commander()).post("/api/v1/postmortems/" + id + "/publish").then().statusCode(200);
        String page = given().get("/postmortems/" + id).then().statusCode(200).extract().asString();
        assertFalse(page.contains("BfDI") || page.contains("personal-data breach"), "the breach record is internal");
    }

    @Test
    void aResolvedP3OpensNoPostmortemButOneCanBeOpenedByHand() {
        UUID incident = resolvedIncident(Priority.P3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("alice", "responder"))
                        .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                        .body("incident.status", equalTo("RESOLVED")));
        assertEquals(0, TestDatabase.count("select count(*) from postmortem where incident_id = ?::uuid", incident.toString()));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"incidentId\":\"" + incident + "\"}").post("/api/v1/postmortems")
                .then().statusCode(201).body("status", equalTo("DRAFT"));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"incidentId\":\"" + incident + "\"}").post("/api/v1/postmortems")
                .then().statusCode(409);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"incidentId\":\"" + UUID.randomUUID() + "\"}").post("/api/v1/postmortems")
                .then().statusCode(404);
    }

    @Test
    void anOverdueActionItemIsListedAndAnnouncedOnce() {
        String id = awaitPostmortem(resolvedIncident(Priority.P1));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String item = given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Size the pool from load tests\",\"owner\":\"bob\",\"dueDate\":\"" + today + "\",\"priority\":\"P2\"}")
                .post("/api/v1/postmortems/" + id + "/action-items").then().statusCode(201)
                .body("status", equalTo("OPEN")).extract().path("id");

        // Time passes: the due date is now three days ago.
        TestDatabase.execute("update action_item set due_date = current_date - 3 where id = ?::uuid", item);

        List<ConsumerRecord<String, String>> overdue = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("ActionItemOverdue") && r.value().contains(item), 1, Duration.ofSeconds(20));
        assertEquals(1, overdue.size(), "announced exactly once");
        EventSchemaAssert.assertMatchesSchema(overdue.get(0).value());
        given().header("Authorization", TestTokens.bearer("alice", "responder")).get("/api/v1/action-items?overdue=true")
                .then().statusCode(200).body("id", hasItem(item));
        // The postmortem is a draft: its action items are as internal as it is.
        given().header("Authorization", stakeholder()).get("/api/v1/action-items?overdue=true").then().statusCode(200)
                .body("id", not(hasItem(item)));
        given().header("Authorization", stakeholder()).get("/api/v1/action-items").then().statusCode(200)
                .body("id", not(hasItem(item)));
        given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then()
                .body("sections.actionItems[0].title", equalTo("Size the pool from load tests"));

        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"status\":\"FINISHED\"}")
                .put("/api/v1/action-items/" + item).then().statusCode(400);
        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"title\":\"\"}")
                .put("/api/v1/action-items/" + item).then().statusCode(422);
        given().header("Authorization", TestTokens.bearer("alice", "responder")).contentType(ContentType.JSON)
                .body("{\"status\":\"DONE\"}").put("/api/v1/action-items/" + item).then().statusCode(403);
        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"status\":\"DONE\"}")
                .put("/api/v1/action-items/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"status\":\"DONE\"}")
                .put("/api/v1/action-items/" + item).then().statusCode(200).body("status", equalTo("DONE"));
        given().header("Authorization", stakeholder()).get("/api/v1/action-items?overdue=true").then()
                .body("id", not(hasItem(item)));
    }

    @Test
    void badInputIsRejectedAndLeavesNothingBehind() {
        String id = awaitPostmortem(resolvedIncident(Priority.P1));
        long items = TestDatabase.count("select count(*) from action_item");
        long outbox = TestDatabase.count("select count(*) from outbox");
        String path = "/api/v1/postmortems/" + id + "/action-items";

        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"title\":")
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"dueDate\":\"2020-01-01\",\"priority\":\"P2\"}")
                .post(path).then().statusCode(422)
                .body("errors", hasItem(startsWith("title"))).body("errors", hasItem(startsWith("dueDate")));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"dueDate\":\"next week\",\"priority\":\"P2\"}")
                .post(path).then().statusCode(400);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"dueDate\":\"2099-01-01\",\"priority\":\"P9\"}")
                .post(path).then().statusCode(400);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"dueDate\":\"2099-01-01\",\"priority\":\"P2\"}")
                .post("/api/v1/postmortems/" + UUID.randomUUID() + "/action-items").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("alice", "responder")).contentType(ContentType.JSON)
                .body("{\"title\":\"t\",\"dueDate\":\"2099-01-01\",\"priority\":\"P2\"}")
                .post(path).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"title\":\"t\",\"dueDate\":\"2099-01-01\",\"priority\":\"P2\"}")
                .post(path).then().statusCode(401);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"rootCause\":\"" + "r".repeat(20_001) + "\"}")
                .put("/api/v1/postmortems/" + id).then().statusCode(422);
        given().header("Authorization", stakeholder()).get("/api/v1/postmortems/" + UUID.randomUUID())
                .then().statusCode(404);
        given().get("/api/v1/postmortems").then().statusCode(401);

        assertEquals(items, TestDatabase.count("select count(*) from action_item"));
        assertEquals(outbox, TestDatabase.count("select count(*) from outbox"));
        given().header("Authorization", commander()).get("/api/v1/postmortems/" + id).then()
                .body("sections.rootCause", equalTo(null));
    }
}
