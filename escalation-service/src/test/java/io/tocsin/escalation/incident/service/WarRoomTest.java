package io.tocsin.escalation.incident.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whoever is given a role is paged once, with the room link and the bridge; later escalation pages carry the bridge. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class WarRoomTest {

    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");
    private static final String ROOM = "https://tocsin.example.test/room/abc.def";
    private static final String BRIDGE = "https://meet.example.test/p1";

    @Test
    void theNewCommanderIsPagedOnceWithTheRoomAndTheBridge() {
        String commander = Api.unique("commander");
        Api.admin().body("""
                {"id":"%s","name":"Cora","email":"cora@example.test","timeZone":"Europe/Berlin","locale":"de",
                 "contactMethods":[{"kind":"EMAIL","address":"cmd@example.test"},
                                   {"kind":"WEBHOOK","address":"https://hooks.example.test/cmd","format":"SLACK"}],
                 "notificationRules":[{"contact":0,"delaySeconds":0},{"contact":1,"delaySeconds":300}]}"""
                .formatted(commander)).post("/api/v1/responders").then().statusCode(201);
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        Instant respondBy = now.plus(Duration.ofMinutes(15));
        Actor holder = new Actor(Actor.Kind.USER, commander, "Cora", null);
        Envelope<IncidentRoleChanged> assigned = Envelope.of(new IncidentRoleChanged(Api.unique("svc"), Priority.P1,
                "checkout is down", respondBy, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED, holder, null,
                BRIDGE, ROOM, ALICE), incident, now);
        Api.incidentEvent(assigned);
        Api.incidentEvent(assigned);                                  // a redelivery pages nobody twice

        List<JsonNode> pages = Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 1,
                Duration.ofSeconds(20), n -> true);
        assertEquals(1, pages.size(), "one page, on the immediate contact method only: " + pages);
        JsonNode page = pages.get(0).get("data");
        assertEquals(commander, page.at("/recipient/id").asText());
        assertEquals("cmd@example.test", page.at("/contact/address").asText());
        assertTrue(page.get("reason").asText().startsWith("You are now the incident commander"), page.toString());
        assertTrue(page.get("reason").asText().contains("named by Alice"), page.toString());
        assertEquals(List.of(ROOM, BRIDGE), hrefs(page));
        assertEquals(respondBy.toString().substring(0, 19), page.get("respondBy").asText().substring(0, 19));
    }

    @Test
    void someoneUnknownHereIsToldByTheirEmailAndAReleaseTellsNobody() {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        Actor dave = new Actor(Actor.Kind.USER, Api.unique("dave"), "Dave", "dave@example.test");
        Api.incidentEvent(Envelope.of(new IncidentRoleChanged("search", Priority.P2, "slow queries", null,
                IncidentRole.SCRIBE, IncidentRoleChanged.Change.ASSIGNED, dave, null, null, ROOM, ALICE), incident, now));
        Api.incidentEvent(Envelope.of(new IncidentRoleChanged("search", Priority.P2, "slow queries", null,
                IncidentRole.SCRIBE, IncidentRoleChanged.Change.RELEASED, dave, null, null, null, ALICE), incident,
                now.plusSeconds(1)));
        Actor nobody = new Actor(Actor.Kind.USER, Api.unique("ghost"), null, null);
        Api.incidentEvent(Envelope.of(new IncidentRoleChanged("search", Priority.P2, "slow queries", null,
                IncidentRole.RESPONDER, IncidentRoleChanged.Change.ASSIGNED, nobody, null, null, ROOM, ALICE), incident,
                now.plusSeconds(2)));
        List<JsonNode> pages = Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 1,
                Duration.ofSeconds(20), n -> true);
        assertEquals(1, pages.size(), "the scribe is told; the release and a person without an address are not");
        JsonNode page = pages.get(0).get("data");
        assertEquals("dave@example.test", page.at("/contact/address").asText());
        assertTrue(page.get("reason").asText().startsWith("You are now the scribe"), page.toString());
        assertEquals(List.of(ROOM), hrefs(page));
    }

    @Test
    void escalationPagesAfterTheBridgeWasSetLinkToIt() {
        String onCall = Api.responder(Api.unique("oncall"));
        String backup = Api.responder(Api.unique("backup"));
        UUID policy = Api.policy(Api.unique("bridge"), 0, 600, "RESPONDER:" + onCall, "RESPONDER:" + backup);
        String service = Api.unique("svc");
        Api.route(service, "P1", policy);
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        Api.incidentEvent(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical", "checkout is down", null,
                "k", now.plus(Duration.ofMinutes(15)), List.of(), ALICE), incident, now));
        assertEquals(List.of(), hrefs(Api.pages(incident, 1).get(0).get("data")), "no bridge yet");
        Api.incidentEvent(Envelope.of(new IncidentBridgeChanged(service, Priority.P1, "checkout is down", BRIDGE, ALICE),
                incident, now.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.as("x", "responder")
                .get("/api/v1/escalations/" + incident).then().statusCode(200).body("log.outcome", hasItem("BRIDGE")));
        // Nobody acknowledged: level two is due (as if its ten minutes had passed) and goes out with the bridge.
        TestDatabase.execute("update escalation set next_escalation_at = now() - interval '1 second' "
                + "where incident_id = ?::uuid", incident.toString());
        List<JsonNode> pages = Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 2,
                Duration.ofSeconds(30), n -> true);
        assertEquals(2, pages.size());
        assertEquals(backup, pages.get(1).at("/data/recipient/id").asText());
        assertEquals(List.of(BRIDGE), hrefs(pages.get(1).get("data")));
    }

    private static List<String> hrefs(JsonNode page) {
        List<String> hrefs = new java.util.ArrayList<>();
        page.get("links").forEach(l -> hrefs.add(l.get("href").asText()));
        return hrefs;
    }
}
