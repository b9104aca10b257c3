package io.tocsin.escalation.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response-target clocks that reach people: at risk and breached page the incident's commander (or, with nobody in
 * command, the current escalation level) and, for P1 and P2, ask notification-service to tell the stakeholders.
 * Time is simulated by moving the clock's timer (and the deadline) into the past.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ClockNoticesTest {

    private static final Actor MONITOR = new Actor(Actor.Kind.INTEGRATION, "int-1", "Grafana", null);
    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");
    private static final Duration QUIET = Duration.ofSeconds(3);

    private static String routed(Priority priority, String... responders) {
        UUID policy = Api.policy(Api.unique("policy"), 0, 600,
                java.util.Arrays.stream(responders).map(r -> "RESPONDER:" + r).toArray(String[]::new));
        String service = Api.unique("svc");
        Api.route(service, priority.name(), policy);
        return service;
    }

    private static UUID trigger(String service, Priority priority, Instant now) {
        UUID incident = UUID.randomUUID();
        Api.incidentEvent(Envelope.of(new IncidentTriggered(service, priority, "critical", "payments failing",
                null, "k", now.plus(Duration.ofMinutes(15)), List.of(), MONITOR), incident, now));
        return incident;
    }

    private static void commander(UUID incident, String service, Priority priority, Actor holder, Instant at) {
        Api.incidentEvent(Envelope.of(new IncidentRoleChanged(service, priority, "payments failing", null,
                IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED, holder, null, null, null, ALICE),
                incident, at));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from escalation where incident_id = ?::uuid and commander_id = ?",
                incident.toString(), holder.id()) == 1);
    }

    private static void atRisk(UUID incident) {
        TestDatabase.execute("update escalation set next_target_at = now() - interval '1 second' "
                + "where incident_id = ?::uuid", incident.toString());
    }

    private static void breached(UUID incident) {
        TestDatabase.execute("update escalation set next_target_at = now() - interval '1 second', "
                + "respond_by = now() - interval '1 second' where incident_id = ?::uuid", incident.toString());
    }

    /** Pages about the clock (not the escalation's own pages). */
    private static List<JsonNode> clockPages(UUID incident, int expected, Duration timeout) {
        return Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", expected, timeout,
                n -> n.at("/data/reason").asText().startsWith("Response target"));
    }

    private static List<JsonNode> notices(UUID incident, int expected, Duration timeout) {
        return Api.await(Topics.NOTIFICATION_REQUESTS, incident, "StakeholderNoticeRequested", expected, timeout,
                n -> true);
    }

    @Test
    void theCommanderIsPagedAndTheStakeholdersToldWhenAP1IsAtRiskThenBreached() {
        String oncall = Api.responder(Api.unique("oncall"));
        String cora = Api.responder(Api.unique("cora"));
        String service = routed(Priority.P1, oncall);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID incident = trigger(service, Priority.P1, now);
        assertEquals(1, Api.pages(incident, 1).size());
        commander(incident, service, Priority.P1, new Actor(Actor.Kind.USER, cora, "Cora", null), now.plusSeconds(1));

        atRisk(incident);
        List<JsonNode> pages = clockPages(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, pages.size(), "the commander only, not the on-call level: " + pages);
        JsonNode page = pages.get(0).get("data");
        assertEquals(cora, page.at("/recipient/id").asText());
        assertEquals(cora + "@example.test", page.at("/contact/address").asText());
        assertTrue(page.get("reason").asText().contains("80 %"), page.toString());
        assertTrue(page.get("reason").asText().contains("you are the incident commander"), page.toString());
        List<JsonNode> notices = notices(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, notices.size());
        JsonNode notice = notices.get(0).get("data");
        assertEquals("RESPONSE_TARGET_AT_RISK", notice.get("notice").asText());
        assertEquals(80, notice.get("percent").asInt());
        assertEquals(cora, notice.at("/commander/id").asText());
        assertEquals("Cora", notice.at("/commander/name").asText());
        assertFalse(notices.get(0).toString().contains("@example.test"), "stakeholder notices carry no address");

        breached(incident);
        List<JsonNode> both = clockPages(incident, 2, Duration.ofSeconds(20));
        assertEquals(2, both.size());
        assertTrue(both.get(1).at("/data/reason").asText().startsWith("Response target breached"));
        assertEquals(cora, both.get(1).at("/data/recipient/id").asText());
        List<JsonNode> twoNotices = notices(incident, 2, Duration.ofSeconds(20));
        assertEquals(List.of("RESPONSE_TARGET_AT_RISK", "RESPONSE_TARGET_BREACHED"),
                twoNotices.stream().map(n -> n.at("/data/notice").asText()).toList());
        assertTrue(twoNotices.get(1).at("/data/percent").isNull());
        assertEquals(2, clockPages(incident, 3, QUIET).size(), "each clock event tells the commander once");
    }

    @Test
    void withNobodyInCommandTheCurrentLevelIsPaged() {
        String oncall = Api.responder(Api.unique("oncall"));
        String service = routed(Priority.P2, oncall);
        UUID incident = trigger(service, Priority.P2, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(1, Api.pages(incident, 1).size());
        atRisk(incident);
        List<JsonNode> pages = clockPages(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, pages.size());
        assertEquals(oncall, pages.get(0).at("/data/recipient/id").asText());
        assertTrue(pages.get(0).at("/data/reason").asText().contains("nobody is in command"));
        List<JsonNode> notices = notices(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, notices.size(), "P2: the stakeholders are told");
        assertTrue(notices.get(0).at("/data/commander").isNull());
    }

    @Test
    void aP3RunningLateIsTheRespondersBusinessNotTheStakeholders() {
        String oncall = Api.responder(Api.unique("oncall"));
        String service = routed(Priority.P3, oncall);
        UUID incident = trigger(service, Priority.P3, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(1, Api.pages(incident, 1).size());
        breached(incident);
        List<JsonNode> pages = clockPages(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, pages.size(), "at risk and breached together: told once, that it was breached");
        assertTrue(pages.get(0).at("/data/reason").asText().startsWith("Response target breached"));
        assertEquals(0, notices(incident, 1, QUIET).size(), "no stakeholder notice for P3");
    }

    @Test
    void aCommanderWhoIsNoResponderHereIsToldAtTheAddressOfTheRoleEvent() {
        String oncall = Api.responder(Api.unique("oncall"));
        String service = routed(Priority.P1, oncall);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID incident = trigger(service, Priority.P1, now);
        assertEquals(1, Api.pages(incident, 1).size());
        Actor guest = new Actor(Actor.Kind.USER, Api.unique("guest"), "Gita", "gita@example.test");
        commander(incident, service, Priority.P1, guest, now.plusSeconds(1));
        atRisk(incident);
        List<JsonNode> pages = clockPages(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, pages.size());
        assertEquals("gita@example.test", pages.get(0).at("/data/contact/address").asText());
        assertEquals(guest.id(), pages.get(0).at("/data/recipient/id").asText());
    }

    @Test
    void aDeletedCommanderIsForgottenAndTheCurrentLevelIsPagedInstead() {
        String oncall = Api.responder(Api.unique("oncall"));
        String cora = Api.responder(Api.unique("cora"));
        String service = routed(Priority.P1, oncall);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID incident = trigger(service, Priority.P1, now);
        assertEquals(1, Api.pages(incident, 1).size());
        commander(incident, service, Priority.P1, new Actor(Actor.Kind.USER, cora, "Cora", cora + "@example.test"),
                now.plusSeconds(1));
        Api.admin().delete("/api/v1/responders/" + cora).then().statusCode(204);
        assertEquals(0, TestDatabase.count("select count(*) from escalation where incident_id = ?::uuid "
                + "and (commander_id is not null or commander_name is not null or commander_email is not null)",
                incident.toString()), "the erasure leaves no trace of the commander on the escalation");
        atRisk(incident);
        List<JsonNode> pages = clockPages(incident, 1, Duration.ofSeconds(20));
        assertEquals(1, pages.size());
        assertEquals(oncall, pages.get(0).at("/data/recipient/id").asText());
        assertTrue(notices(incident, 1, Duration.ofSeconds(20)).get(0).at("/data/commander").isNull());
    }
}
