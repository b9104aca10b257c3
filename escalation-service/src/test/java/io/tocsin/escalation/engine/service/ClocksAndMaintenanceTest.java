package io.tocsin.escalation.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
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

import static io.tocsin.escalation.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Response-target clocks, maintenance windows, notification rules and the dry run. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ClocksAndMaintenanceTest {

    private static final Actor MONITOR = new Actor(Actor.Kind.INTEGRATION, "int-1", "Grafana", null);
    private static final Actor BOB = new Actor(Actor.Kind.USER, "bob", "Bob", "bob@example.test");

    private static String routedService(String... responders) {
        UUID policy = Api.policy(Api.unique("policy"), 0, 600,
                java.util.Arrays.stream(responders).map(r -> "RESPONDER:" + r).toArray(String[]::new));
        String service = Api.unique("svc");
        Api.route(service, "P1", policy);
        return service;
    }

    private static UUID trigger(String service, Instant now, Duration target) {
        UUID incident = UUID.randomUUID();
        Api.incidentEvent(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical", "payments failing",
                null, "k", now.plus(target), List.of(), MONITOR), incident, now));
        return incident;
    }

    private static void awaitRow(String sql, Object... params) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(sql, params) == 1);
    }

    @Test
    void anUnacknowledgedIncidentIsAtRiskAt80PercentThenBreached() {
        String service = routedService(Api.responder(Api.unique("t")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID incident = trigger(service, now, Duration.ofSeconds(100));
        awaitRow("select count(*) from escalation where incident_id = ?::uuid and next_target_at = ?",
                incident, java.sql.Timestamp.from(now.plusSeconds(80)));
        assertEquals(0, Api.await(Topics.ESCALATION_EVENTS, incident, "ResponseTargetAtRisk", 1,
                Duration.ofSeconds(2), n -> true).size(), "not before 80 %");

        TestDatabase.execute("update escalation set next_target_at = now() - interval '1 second' "
                + "where incident_id = ?::uuid", incident);
        List<JsonNode> atRisk = Api.escalationEvents(incident, "ResponseTargetAtRisk", 1);
        assertEquals(1, atRisk.size());
        assertEquals(80, atRisk.get(0).at("/data/percent").asInt());
        assertEquals(0, Api.await(Topics.ESCALATION_EVENTS, incident, "ResponseTargetBreached", 1,
                Duration.ofSeconds(2), n -> true).size(), "not breached yet");

        TestDatabase.execute("update escalation set next_target_at = now() - interval '1 second', "
                + "respond_by = now() - interval '1 second' where incident_id = ?::uuid", incident);
        assertEquals(1, Api.escalationEvents(incident, "ResponseTargetBreached", 1).size());
        assertEquals(1, Api.escalationEvents(incident, "ResponseTargetAtRisk", 1).size(), "at risk only once");
    }

    @Test
    void anAcknowledgedIncidentIsNeverAtRisk() {
        String service = routedService(Api.responder(Api.unique("t")));
        Instant now = Instant.now();
        UUID incident = trigger(service, now, Duration.ofSeconds(100));
        Api.incidentEvent(Envelope.of(new IncidentAcknowledged(service, Priority.P1, "payments failing", BOB, BOB),
                incident, now.plusSeconds(1)));
        awaitRow("select count(*) from escalation where incident_id = ?::uuid and status = 'ACKNOWLEDGED' "
                + "and next_target_at is null", incident);
        TestDatabase.execute("update escalation set next_target_at = now() - interval '1 second', "
                + "respond_by = now() - interval '1 second' where incident_id = ?::uuid", incident);
        assertEquals(0, Api.await(Topics.ESCALATION_EVENTS, incident, "ResponseTargetAtRisk", 1,
                Duration.ofSeconds(3), n -> true).size());
    }

    @Test
    void maintenanceMutesPagingAndSaysWhyThenPagingResumes() {
        String oncall = Api.responder(Api.unique("m"));
        String service = routedService(oncall);
        String running = routedService(Api.responder(Api.unique("r")));
        UUID before = trigger(running, Instant.now(), Duration.ofMinutes(15));
        assertEquals(1, Api.pages(before, 1).size());

        String maintenance = Api.unique("mw");
        Api.publish(Topics.STATUS_EVENTS, Envelope.of(new MaintenanceStarted(maintenance, "Database upgrade",
                List.of(service, running), Instant.now(), Instant.now().plus(Duration.ofHours(2))), null, Instant.now()));
        awaitRow("select count(*) from maintenance where maintenance_id = ? and not ended", maintenance);
        List<JsonNode> mutedRunning = Api.escalationEvents(before, "EscalationMuted", 1);
        assertEquals(1, mutedRunning.size(), "a running escalation is muted too");

        UUID incident = trigger(service, Instant.now(), Duration.ofMinutes(15));
        List<JsonNode> muted = Api.escalationEvents(incident, "EscalationMuted", 1);
        assertEquals(1, muted.size());
        org.hamcrest.MatcherAssert.assertThat(muted.get(0).at("/data/reason").asText(),
                containsString("Database upgrade"));
        assertEquals(0, Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 1,
                Duration.ofSeconds(2), n -> true).size(), "nobody paged during maintenance");
        Api.as("x", "responder").get("/api/v1/escalations/" + incident).then().statusCode(200)
                .body("muted", equalTo(true)).body("muteReason", containsString("Database upgrade"));

        Api.publish(Topics.STATUS_EVENTS, Envelope.of(new MaintenanceEnded(maintenance, "Database upgrade",
                List.of(service, running)), null, Instant.now()));
        List<JsonNode> pages = Api.pages(incident, 1);
        assertEquals(1, pages.size(), "paging starts when the window ends");
        assertEquals(oncall, pages.get(0).at("/data/recipient/id").asText());
        Api.as("x", "responder").get("/api/v1/escalations/" + incident).then().body("muted", equalTo(false))
                .body("muteReason", nullValue());
    }

    @Test
    void aMaintenanceEndReplayedBeforeItsStartWins() {
        String service = routedService(Api.responder(Api.unique("o")));
        String maintenance = Api.unique("mw");
        Api.publish(Topics.STATUS_EVENTS, Envelope.of(new MaintenanceEnded(maintenance, "Replay", List.of(service)),
                null, Instant.now()));
        awaitRow("select count(*) from maintenance where maintenance_id = ? and ended", maintenance);
        Api.publish(Topics.STATUS_EVENTS, Envelope.of(new MaintenanceStarted(maintenance, "Replay", List.of(service),
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600)), null, Instant.now().minusSeconds(60)));
        UUID incident = trigger(service, Instant.now(), Duration.ofMinutes(15));
        assertEquals(1, Api.pages(incident, 1).size());
    }

    @Test
    void aNotificationRuleSendsTheWebhookOnlyIfStillUnacknowledged() {
        String id = Api.responder(Api.unique("rules"), """
                "contactMethods":[{"kind":"EMAIL","address":"rules@example.test"},
                                  {"kind":"WEBHOOK","address":"https://hooks.slack.test/T1","format":"SLACK"}],
                "notificationRules":[{"contact":0,"delaySeconds":0},{"contact":1,"delaySeconds":120}]""");
        String service = routedService(id);
        UUID incident = trigger(service, Instant.now(), Duration.ofMinutes(15));
        List<JsonNode> first = Api.pages(incident, 1);
        assertEquals(1, first.size());
        assertEquals("EMAIL", first.get(0).at("/data/contact/kind").asText());
        awaitRow("select count(*) from page where incident_id = ?::uuid and sent_at is null "
                + "and due_at > now() + interval '100 seconds'", incident);

        TestDatabase.execute("update page set due_at = now() - interval '1 second' where incident_id = ?::uuid "
                + "and sent_at is null", incident);
        List<JsonNode> both = Api.pages(incident, 2);
        assertEquals(2, both.size());
        JsonNode webhook = both.get(1).get("data");
        assertEquals("WEBHOOK", webhook.at("/contact/kind").asText());
        assertEquals("SLACK", webhook.at("/contact/format").asText());
        org.hamcrest.MatcherAssert.assertThat(webhook.get("reason").asText(), containsString("unacknowledged after 120 s"));

        UUID acked = trigger(service, Instant.now(), Duration.ofMinutes(15));
        assertEquals(1, Api.pages(acked, 1).size());
        Api.incidentEvent(Envelope.of(new IncidentAcknowledged(service, Priority.P1, "payments failing", BOB, BOB),
                acked, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                TestDatabase.count("select count(*) from page where incident_id = ?::uuid", acked) == 1);
    }

    @Test
    void aSnoozePausesTheNextLevelUntilItsEnd() {
        String service = routedService(Api.responder(Api.unique("s1")), Api.responder(Api.unique("s2")));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID incident = trigger(service, now, Duration.ofMinutes(15));
        assertEquals(1, Api.pages(incident, 1).size());
        Instant until = now.plus(Duration.ofHours(3));
        Api.incidentEvent(Envelope.of(new io.tocsin.events.IncidentSnoozed(service, Priority.P1, "payments failing",
                until, BOB), incident, now.plusSeconds(1)));
        awaitRow("select count(*) from escalation where incident_id = ?::uuid and next_escalation_at = ?",
                incident, java.sql.Timestamp.from(until));
    }

    @Test
    void aDryRunSaysWhoWouldBePagedAndWhen() {
        String oncall = Api.responder(Api.unique("oncall"));
        String lead = Api.responder(Api.unique("lead"));
        String manager = Api.responder(Api.unique("manager"));
        String schedule = admin().body("""
                {"name":"%s","timeZone":"Europe/Berlin","layers":[{"rotation":{"type":"DAILY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("primary"), oncall))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        String policy = admin().body("""
                {"name":"%s","repeat":0,"levels":[
                  {"targets":[{"type":"SCHEDULE","id":"%s"}],"delaySeconds":300},
                  {"targets":[{"type":"RESPONDER","id":"%s"}],"delaySeconds":900},
                  {"targets":[{"type":"RESPONDER","id":"%s"}],"delaySeconds":0}]}"""
                        .formatted(Api.unique("P1 checkout"), schedule, lead, manager))
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
        String service = Api.unique("checkout-api");
        Api.route(service, "P1", UUID.fromString(policy));
        Api.as("ic", "incident-commander")
                .body("{\"service\":\"" + service + "\",\"priority\":\"P1\",\"at\":\"2026-12-01T10:00:00Z\"}")
                .post("/api/v1/escalation-matrix/dry-run").then().statusCode(200)
                .body("steps", hasSize(3))
                .body("steps[0].at", equalTo("2026-12-01T10:00:00Z"))
                .body("steps[0].pages[0].recipientId", equalTo(oncall))
                .body("steps[1].at", equalTo("2026-12-01T10:05:00Z"))
                .body("steps[1].pages[0].recipientId", equalTo(lead))
                .body("steps[2].at", equalTo("2026-12-01T10:20:00Z"))
                .body("steps[2].pages[0].recipientId", equalTo(manager));
        Api.as("ic", "incident-commander").body("{\"priority\":\"P1\"}")
                .post("/api/v1/escalation-matrix/dry-run").then().statusCode(422);
        Api.as("r", "responder")
                .body("{\"service\":\"" + service + "\",\"priority\":\"P1\",\"at\":\"2026-12-01T10:00:00Z\"}")
                .post("/api/v1/escalation-matrix/dry-run").then().statusCode(403);
        assertEquals(0, TestDatabase.count("select count(*) from page p join escalation e using (incident_id) "
                + "where e.service = ?", service), "a dry run pages nobody");
    }
}
