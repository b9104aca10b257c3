package io.tocsin.status.page;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.page.PublicPageTest.openIncident;
import static io.tocsin.status.page.PublicPageTest.service;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who speaks for an incident in public: its commander or communications lead, as incident-service's role events say,
 * in whatever order they arrive; an incident-commander always; any other responder never.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class IncidentSpokespeopleTest {

    private static final Actor BOB = new Actor(Actor.Kind.USER, "bob", "Bob", null);
    private static final Actor DAVE = new Actor(Actor.Kind.USER, "dave", "Dave", null);

    @Test
    void theCommunicationsLeadAndTheCommanderPostOtherRespondersDoNot() {
        String service = service();
        UUID incident = openIncident(service, Priority.P2);
        long updates = TestDatabase.count("select count(*) from public_update where incident_id = ?::uuid",
                incident.toString());
        post("alice", incident).statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("communications lead"));
        assertEquals(updates, TestDatabase.count("select count(*) from public_update where incident_id = ?::uuid",
                incident.toString()), "a refused update leaves nothing behind");

        Instant t = Instant.now();
        role(incident, service, IncidentRole.COMMUNICATIONS_LEAD, IncidentRoleChanged.Change.ASSIGNED, ALICE, null, t, 1);
        post("alice", incident).statusCode(201);
        role(incident, service, IncidentRole.COMMUNICATIONS_LEAD, IncidentRoleChanged.Change.HANDED_OVER, BOB, ALICE,
                t.plusSeconds(10), 2);
        post("alice", incident).statusCode(403);
        post("bob", incident).statusCode(201);

        // The commander too. A release that happened earlier but arrives later changes nothing.
        role(incident, service, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED, DAVE, null,
                t.plusSeconds(20), 3);
        role(incident, service, IncidentRole.COMMANDER, IncidentRoleChanged.Change.RELEASED, DAVE, null,
                t.plusSeconds(15), 4);
        post("dave", incident).statusCode(201);
        role(incident, service, IncidentRole.COMMANDER, IncidentRoleChanged.Change.RELEASED, DAVE, null,
                t.plusSeconds(30), 5);
        post("dave", incident).statusCode(403);
        // A scribe is not a spokesperson.
        role(incident, service, IncidentRole.SCRIBE, IncidentRoleChanged.Change.ASSIGNED, ALICE, null,
                t.plusSeconds(40), 6);
        post("alice", incident).statusCode(403);
        post("erin", incident, TestTokens.bearer("erin", "incident-commander")).statusCode(201);
    }

    private static io.restassured.response.ValidatableResponse post(String user, UUID incident) {
        return post(user, incident, TestTokens.bearer(user, "responder"));
    }

    private static io.restassured.response.ValidatableResponse post(String user, UUID incident, String auth) {
        return given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"message\":\"Update from " + user + "\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then();
    }

    /** Publishes a role change as incident-service would and waits until the read model has it. */
    private static void role(UUID incident, String service, IncidentRole role, IncidentRoleChanged.Change change,
                             Actor holder, Actor previous, Instant at, int roleLines) {
        Events.publish(Envelope.of(new IncidentRoleChanged(service, Priority.P2, "db-7 replica lag", null, role, change,
                holder, previous, null, null, ALICE), incident, at));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", TestTokens.bearer("x", "responder"))
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("entries.findAll { it.kind == 'ROLE_CHANGED' }.size()", equalTo(roleLines)));
    }
}
