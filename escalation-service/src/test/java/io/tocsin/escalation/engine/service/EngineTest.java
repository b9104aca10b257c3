package io.tocsin.escalation.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.breach.service.BreachClockService;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static io.tocsin.escalation.support.Api.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escalation engine over the real broker and database: level 1 is paged at once, later levels when their
 * durable timer falls due (time is simulated by moving the timers into the past), acknowledge stops it, two engine
 * instances never page twice.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class EngineTest {

    private static final Actor MONITOR = new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null);
    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");

    @Inject
    Outbox outbox;
    @Inject
    EngineRepository db;
    @Inject
    EscalationRepository escalations;
    @Inject
    Pager pager;
    @Inject
    EngineConfig config;
    @Inject
    BreachClockService breaches;

    /** A service routed to a fresh two-level policy: level 1 {@code first}, 60 s later level 2 {@code second}. */
    private record Setup(String service, String first, String second, UUID policy) {
    }

    private Setup twoLevels(Priority priority) {
        String first = Api.responder(Api.unique("first"));
        String second = Api.responder(Api.unique("second"));
        UUID policy = Api.policy(Api.unique("two-levels"), 0, 60, "RESPONDER:" + first, "RESPONDER:" + second);
        String service = Api.unique("svc");
        Api.route(service, priority.name(), policy);
        return new Setup(service, first, second, policy);
    }

    private static UUID trigger(String service, Priority priority, Duration target) {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(Envelope.of(new IncidentTriggered(service, priority, "critical", "checkout is down",
                "prometheus", "k-" + incident, now.plus(target),
                List.of(new Link("https://runbooks.example.test/checkout", "Runbook")), MONITOR), incident, now));
        return incident;
    }

    private static void moveTimersIntoThePast(UUID incident) {
        TestDatabase.execute("update escalation set next_escalation_at = now() - interval '1 second' "
                + "where incident_id = ?::uuid and next_escalation_at is not null", incident.toString());
    }

    private static long count(String sql, UUID incident) {
        return TestDatabase.count(sql, incident.toString());
    }

    private static void awaitStatus(UUID incident, String status) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Api.as("x", "responder")
                .get("/api/v1/escalations/" + incident).then().statusCode(200).body("status", equalTo(status)));
    }

    /** Metrics are on the management interface (its own port). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void levelOneIsPagedAtOnceAndLevelTwoWhenItsTimerFalls() {
        Setup s = twoLevels(Priority.P1);
        UUID incident = trigger(s.service(), Priority.P1, Duration.ofMinutes(15));

        List<JsonNode> pages = Api.pages(incident, 1);
        assertEquals(1, pages.size(), "one page for level 1");
        JsonNode page = pages.get(0).get("data");
        assertEquals(s.first(), page.at("/recipient/id").asText());
        assertEquals(s.first() + "@example.test", page.at("/contact/address").asText());
        assertEquals("EMAIL", page.at("/contact/kind").asText());
        assertEquals(1, page.get("step").asInt());
        assertEquals(0, page.get("loop").asInt());
        assertEquals("Europe/Berlin", page.at("/recipient/timeZone").asText());
        assertEquals("https://runbooks.example.test/checkout", page.at("/links/0/href").asText());
        List<JsonNode> steps = Api.escalationEvents(incident, "EscalationStepReached", 1);
        assertEquals(1, steps.size());
        // The step goes on to status-service: it names who is paged, never how to reach them.
        assertEquals(s.first(), steps.get(0).at("/data/recipients/0/id").asText());
        assertFalse(steps.get(0).toString().contains("@example.test"), steps.get(0).toString());
        assertTrue(count("select count(*) from escalation where incident_id = ?::uuid "
                + "and next_escalation_at > now() + interval '50 seconds'", incident) == 1, "level 2 waits 60 s");

        moveTimersIntoThePast(incident);
        List<JsonNode> after = Api.pages(incident, 2);
        assertEquals(2, after.size());
        JsonNode second = after.stream().filter(n -> n.at("/data/step").asInt() == 2).findFirst().orElseThrow();
        assertEquals(s.second(), second.at("/data/recipient/id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("select count(*) from escalation where incident_id = ?::uuid and next_escalation_at is null", incident) == 1);
        assertEquals(2, count("select count(*) from page where incident_id = ?::uuid", incident));
        io.restassured.RestAssured.given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("tocsin_escalation_pages_total"))
                .body(org.hamcrest.Matchers.containsString("tocsin_escalation_timers_overdue"));
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'escalation-engine' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'escalation-engine' }.data.overdueTimers", equalTo(0));
    }

    @Test
    void acknowledgeStopsFurtherPages() {
        Setup s = twoLevels(Priority.P2);
        UUID incident = trigger(s.service(), Priority.P2, Duration.ofHours(1));
        assertEquals(1, Api.pages(incident, 1).size());
        Api.incidentEvent(Envelope.of(new IncidentAcknowledged(s.service(), Priority.P2, "checkout is down", ALICE,
                ALICE), incident, Instant.now()));
        awaitStatus(incident, "ACKNOWLEDGED");
        moveTimersIntoThePast(incident);
        TestDatabase.execute("update escalation set next_escalation_at = now() - interval '1 minute' "
                + "where incident_id = ?::uuid", incident.toString());
        // Even a timer forced into the past does not page an acknowledged incident.
        assertEquals(1, Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 2,
                Duration.ofSeconds(4), n -> true).size());
    }

    @Test
    void anAcknowledgeSeenBeforeItsTriggerIsKeptAndNobodyIsPaged() {
        Setup s = twoLevels(Priority.P1);
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(Envelope.of(new IncidentAcknowledged(s.service(), Priority.P1, "replayed", ALICE, ALICE),
                incident, t0.plusSeconds(30)));
        awaitStatus(incident, "ACKNOWLEDGED");
        Api.incidentEvent(Envelope.of(new IncidentTriggered(s.service(), Priority.P1, "critical", "replayed", null,
                "k", t0.plus(Duration.ofMinutes(15)), List.of(), MONITOR), incident, t0));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                count("select count(*) from escalation where incident_id = ?::uuid and triggered", incident) == 1);
        awaitStatus(incident, "ACKNOWLEDGED");
        assertEquals(0, Api.await(Topics.NOTIFICATION_REQUESTS, incident, "NotificationRequested", 1,
                Duration.ofSeconds(3), n -> true).size());
    }

    @Test
    void reopenStartsOverWithTheNextLoop() {
        Setup s = twoLevels(Priority.P1);
        UUID incident = trigger(s.service(), Priority.P1, Duration.ofMinutes(15));
        assertEquals(1, Api.pages(incident, 1).size());
        Instant later = Instant.now().plusSeconds(1);
        Api.incidentEvent(Envelope.of(new IncidentResolved(s.service(), Priority.P1, "checkout is down", later, null,
                ALICE), incident, later));
        awaitStatus(incident, "RESOLVED");
        Api.incidentEvent(Envelope.of(new IncidentReopened(s.service(), Priority.P1, "checkout is down",
                later.plus(Duration.ofMinutes(20)), ALICE), incident, later.plusSeconds(1)));
        List<JsonNode> pages = Api.pages(incident, 2);
        assertEquals(2, pages.size());
        JsonNode again = pages.get(1).get("data");
        assertEquals(1, again.get("step").asInt());
        assertEquals(1, again.get("loop").asInt(), "a new loop, so the unique key lets the page through");
        assertEquals(s.first(), again.at("/recipient/id").asText());
    }

    @Test
    void aPriorityChangeSwitchesToTheNewPriorityPolicy() {
        Setup s = twoLevels(Priority.P3);
        String manager = Api.responder(Api.unique("manager"));
        UUID p1 = Api.policy(Api.unique("p1"), 0, 300, "RESPONDER:" + manager);
        Api.route(s.service(), "P1", p1);
        UUID incident = trigger(s.service(), Priority.P3, Duration.ofHours(4));
        assertEquals(1, Api.pages(incident, 1).size());
        Api.incidentEvent(Envelope.of(new IncidentPriorityChanged(s.service(), Priority.P3, Priority.P1,
                "checkout is down", Instant.now().plus(Duration.ofMinutes(15)), "customers affected", ALICE),
                incident, Instant.now()));
        List<JsonNode> pages = Api.pages(incident, 2);
        assertEquals(2, pages.size());
        assertEquals(manager, pages.get(1).at("/data/recipient/id").asText());
        assertEquals("P1", pages.get(1).at("/data/priority").asText());
    }

    @Test
    void anIncidentWithNoPolicyIsRecordedAsSkippedNotSilentlyDropped() {
        UUID incident = trigger(Api.unique("unrouted"), Priority.P4, Duration.ofHours(24));
        // Other tests may have set a P4 default; either a page or a recorded skip, never nothing.
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from escalation_log where incident_id = ?::uuid and outcome in ('PAGED','SKIPPED')",
                incident) == 1);
    }

    @Test
    void anEmptyScheduleLevelIsSkippedAndRecordedAndTheNextLevelPagedAtOnce() {
        String future = Api.responder(Api.unique("future"));
        String backup = Api.responder(Api.unique("backup"));
        String schedule = admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"DAILY","length":1,
                 "start":"2099-01-01T09:00","participants":["%s"]}}]}""".formatted(Api.unique("empty"), future))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        UUID policy = Api.policy(Api.unique("skip"), 0, 600, "SCHEDULE:" + schedule, "RESPONDER:" + backup);
        String service = Api.unique("skip");
        Api.route(service, "P1", policy);
        UUID incident = trigger(service, Priority.P1, Duration.ofMinutes(15));
        List<JsonNode> pages = Api.pages(incident, 1);
        assertEquals(1, pages.size());
        assertEquals(backup, pages.get(0).at("/data/recipient/id").asText());
        assertEquals(2, pages.get(0).at("/data/step").asInt());
        List<JsonNode> skipped = Api.escalationEvents(incident, "EscalationLevelSkipped", 1);
        assertEquals(1, skipped.size());
        assertEquals(1, skipped.get(0).at("/data/step").asInt());
        assertEquals(1, count("select count(*) from escalation_log where incident_id = ?::uuid and outcome = 'SKIPPED'",
                incident));
    }

    @Test
    void escalateNowFiresTheNextLevelOnceEvenWhenClickedTwice() {
        Setup s = twoLevels(Priority.P2);
        UUID incident = trigger(s.service(), Priority.P2, Duration.ofHours(1));
        assertEquals(1, Api.pages(incident, 1).size());
        for (int i = 0; i < 2; i++) {
            Api.as("ic", "incident-commander").body("{\"step\":1,\"loop\":0}")
                    .post("/api/v1/escalations/" + incident + "/escalate").then().statusCode(200)
                    .body("step", equalTo(2));
        }
        assertEquals(2, Api.pages(incident, 2).size());
        Api.as("r", "responder").body("{\"step\":2,\"loop\":0}")
                .post("/api/v1/escalations/" + incident + "/escalate").then().statusCode(403);
    }

    @Test
    void twoEngineInstancesClaiming100DueTimersPageExactlyOncePerTimer() throws Exception {
        Setup s = twoLevels(Priority.P3);
        Set<String> incidents = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            incidents.add(id.toString());
            // Escalations waiting for level 2, as level 1 left them; their timers are far in the future for now.
            TestDatabase.execute("""
                    insert into escalation (incident_id, service, priority, summary, respond_by, status, status_at,
                        triggered_at, triggered, links, policy_id, policy_name, next_level, loop, loop_start, last_step,
                        last_loop, next_escalation_at, updated_at)
                    values (?::uuid, ?, 'P3', 'disk full', now() + interval '4 hours', 'ACTIVE', now(), now(), true,
                        '[]', ?::uuid, 'two-levels', 1, 0, 0, 1, 0, now() + interval '1 hour', now())""",
                    id.toString(), s.service(), s.policy().toString());
        }
        EscalationEngine one = new EscalationEngine(outbox, db, escalations, pager, config, breaches);
        EscalationEngine two = new EscalationEngine(outbox, db, escalations, pager, config, breaches);
        TestDatabase.execute("update escalation set next_escalation_at = now() - interval '1 second' where service = ?",
                s.service());
        CompletableFuture<EscalationEngine.Pass> a = CompletableFuture.supplyAsync(() -> run(one));
        CompletableFuture<EscalationEngine.Pass> b = CompletableFuture.supplyAsync(() -> run(two));
        int claimed = a.get().escalations() + b.get().escalations();

        List<JsonNode> pages = TestKafka.await(Topics.NOTIFICATION_REQUESTS, r -> incidents.contains(r.key()), 100,
                Duration.ofSeconds(60)).stream().map(Api::parse).toList();
        assertEquals(100, pages.size(), "exactly one page per timer");
        assertEquals(incidents, pages.stream().map(n -> n.get("incidentId").asText()).collect(Collectors.toSet()));
        assertTrue(pages.stream().allMatch(n -> n.at("/data/step").asInt() == 2 && n.at("/data/loop").asInt() == 0));
        assertEquals(100, TestDatabase.count("select count(*) from page p join escalation e using (incident_id) "
                + "where e.service = ?", s.service()));
        assertTrue(claimed <= 100 && claimed > 0, "the two engines claimed " + claimed + " (the app's loop the rest)");
    }

    @Test
    void timersThatFellDueWhileNoEngineRanFireOnTheNextPass() {
        Setup s = twoLevels(Priority.P2);
        UUID incident = trigger(s.service(), Priority.P2, Duration.ofHours(1));
        assertEquals(1, Api.pages(incident, 1).size());
        // As if every replica had been down for an hour: a new engine object has no memory, only the table.
        TestDatabase.execute("update escalation set next_escalation_at = now() - interval '1 hour' "
                + "where incident_id = ?::uuid", incident.toString());
        run(new EscalationEngine(outbox, db, escalations, pager, config, breaches));
        assertEquals(2, Api.pages(incident, 2).size());
    }

    @Test
    void aBrokenEscalationDoesNotBlockTheOthers() {
        Setup s = twoLevels(Priority.P2);
        UUID broken = trigger(s.service(), Priority.P2, Duration.ofHours(1));
        UUID healthy = trigger(s.service(), Priority.P2, Duration.ofHours(1));
        assertEquals(1, Api.pages(broken, 1).size());
        assertEquals(1, Api.pages(healthy, 1).size());
        TestDatabase.execute("update escalation set links = 'not json', next_escalation_at = now() - interval '2 minutes' "
                + "where incident_id = ?::uuid", broken.toString());
        moveTimersIntoThePast(healthy);
        assertEquals(2, Api.pages(healthy, 2).size(), "the healthy escalation goes on");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from escalation_log "
                + "where incident_id = ?::uuid and outcome = 'ERROR'", broken) >= 1);
        assertEquals(1, count("select count(*) from escalation where incident_id = ?::uuid "
                + "and next_escalation_at > now()", broken), "the broken one is retried later");
        // Its retries would otherwise fall due every minute during the tests that count claimed timers.
        TestDatabase.execute("update escalation set status = 'RESOLVED', next_escalation_at = null where incident_id = ?::uuid",
                broken.toString());
    }

    @Test
    void roundRobinPagesOneTargetPerPassInTurn() {
        String a = Api.responder(Api.unique("rr-a"));
        String b = Api.responder(Api.unique("rr-b"));
        String policy = admin().body(("{\"name\":\"%s\",\"repeat\":2,\"levels\":[{\"targets\":["
                        + "{\"type\":\"RESPONDER\",\"id\":\"%s\"},{\"type\":\"RESPONDER\",\"id\":\"%s\"}],"
                        + "\"delaySeconds\":300,\"roundRobin\":true}]}").formatted(Api.unique("rr"), a, b))
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
        String service = Api.unique("rr");
        Api.route(service, "P2", UUID.fromString(policy));
        UUID incident = trigger(service, Priority.P2, Duration.ofHours(1));
        assertEquals(1, Api.pages(incident, 1).size());
        moveTimersIntoThePast(incident);
        assertEquals(2, Api.pages(incident, 2).size());
        moveTimersIntoThePast(incident);
        List<JsonNode> pages = Api.pages(incident, 3);
        assertEquals(List.of(a, b, a), pages.stream().map(n -> n.at("/data/recipient/id").asText()).toList());
        assertEquals(List.of(0, 1, 2), pages.stream().map(n -> n.at("/data/loop").asInt()).toList());
    }

    @Test
    void aTriggerBecomesAPageOnKafkaInMilliseconds() {
        Setup s = twoLevels(Priority.P1);
        long sent = System.currentTimeMillis();
        UUID incident = trigger(s.service(), Priority.P1, Duration.ofMinutes(15));
        var record = TestKafka.await(Topics.NOTIFICATION_REQUESTS, r -> incident.toString().equals(r.key()), 1,
                Duration.ofSeconds(20)).get(0);
        long latency = record.timestamp() - sent;
        System.out.println("trigger published -> NotificationRequested on Kafka: " + latency + " ms");
        assertTrue(latency < 5000, "paged within seconds, not on a timer tick: " + latency + " ms");
    }

    private static EscalationEngine.Pass run(EscalationEngine engine) {
        try {
            return VertxContextSupport.subscribeAndAwait(engine::runDue);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
