package io.tocsin.escalation.breach.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.engine.service.EscalationEngine;
import io.tocsin.escalation.engine.service.Pager;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GDPR Art. 33 clock of a personal-data breach over the real broker and database: reminders to the
 * data-protection audience 24, 48 and 66 hours after awareness and "overdue" at 72, each exactly once, until a
 * decision is recorded or the incident is unmarked. Time is simulated by moving the clock's awareness, deadline and
 * timer into the past together, as if those hours had passed; nothing sleeps through them.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class BreachClockTest {

    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");
    private static final Duration QUIET = Duration.ofSeconds(3);

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

    private static Envelope<PersonalDataBreachMarked> marked(UUID incident, Instant awareAt, Instant occurredAt) {
        return Envelope.of(new PersonalDataBreachMarked("crm", Priority.P1, "customer export on a public bucket",
                awareAt, awareAt.plus(Duration.ofHours(72)), PersonalDataBreachMarked.Source.MANUAL, null,
                "found by the security team", ALICE), incident, occurredAt);
    }

    private static Envelope<PersonalDataBreachDecided> decided(UUID incident, Instant awareAt, Instant at,
                                                               boolean amended) {
        return Envelope.of(new PersonalDataBreachDecided("crm", Priority.P1, "customer export on a public bucket",
                awareAt, awareAt.plus(Duration.ofHours(72)), at, true, at, "BfDI", amended ? "BfDI-2026-0042" : null,
                "addresses of 1200 customers were readable for 3 days", false, null, true, amended, ALICE),
                incident, at);
    }

    /** As if {@code hours} had passed: the clock's times move into the past together. */
    private static void hoursPass(UUID incident, int hours) {
        TestDatabase.execute("""
                update breach_clock set aware_at = aware_at - make_interval(hours => ?),
                  deadline = deadline - make_interval(hours => ?),
                  next_reminder_at = next_reminder_at - make_interval(hours => ?)
                where incident_id = ?::uuid""", hours, hours, hours, incident.toString());
    }

    private static List<JsonNode> reminders(UUID incident, int expected, Duration timeout) {
        return Api.await(Topics.NOTIFICATION_REQUESTS, incident, "BreachReminderRequested", expected, timeout, n -> true);
    }

    private static List<JsonNode> reminders(UUID incident, int expected) {
        return reminders(incident, expected, Duration.ofSeconds(20));
    }

    private static List<Integer> hours(List<JsonNode> reminders) {
        return reminders.stream().map(n -> n.at("/data/hoursSinceAwareness").asInt()).toList();
    }

    private static void awaitClock(String condition, UUID incident) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from breach_clock where incident_id = ?::uuid and " + condition,
                incident.toString()) == 1);
    }

    @Test
    void theDataProtectionAudienceIsRemindedAt24_48And66HoursThenToldItIsOverdueOnce() {
        String commander = Api.responder(Api.unique("cora"));
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(Envelope.of(new IncidentRoleChanged("crm", Priority.P1, "customer export on a public bucket",
                null, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED,
                new Actor(Actor.Kind.USER, commander, "Cora", commander + "@example.test"), null, null, null, ALICE),
                incident, now));
        Envelope<PersonalDataBreachMarked> mark = marked(incident, now, now.plusSeconds(1));
        Api.incidentEvent(mark);
        awaitClock("next_reminder_at is not null", incident);
        assertEquals(0, reminders(incident, 1, QUIET).size(), "nothing before 24 hours");

        hoursPass(incident, 24);
        List<JsonNode> first = reminders(incident, 1);
        assertEquals(List.of(24), hours(first));
        JsonNode data = first.get(0).get("data");
        assertFalse(data.get("overdue").asBoolean());
        assertEquals(commander, data.at("/commander/id").asText());
        assertEquals("Cora", data.at("/commander/name").asText());
        assertFalse(first.get(0).toString().contains("@example.test"), "no address leaves escalation-service");
        assertEquals(now.minus(Duration.ofHours(24)).plus(Duration.ofHours(72)).toString().substring(0, 19),
                data.get("deadline").asText().substring(0, 19), "the deadline moved with the simulated time");

        Api.incidentEvent(mark);                                  // a redelivery changes nothing
        hoursPass(incident, 24);
        assertEquals(List.of(24, 48), hours(reminders(incident, 2)));
        hoursPass(incident, 18);
        assertEquals(List.of(24, 48, 66), hours(reminders(incident, 3)));
        hoursPass(incident, 6);
        List<JsonNode> all = reminders(incident, 4);
        assertEquals(List.of(24, 48, 66, 72), hours(all));
        assertTrue(all.get(3).at("/data/overdue").asBoolean());
        awaitClock("reminded_hours = 72 and next_reminder_at is null", incident);

        hoursPass(incident, 100);
        assertEquals(4, reminders(incident, 5, QUIET).size(), "overdue is said once");
        Api.as("x", "responder").get("/api/v1/escalations/" + incident).then().statusCode(200)
                .body("log.detail", hasItem(org.hamcrest.Matchers.startsWith("Overdue: 72 h since awareness")));
    }

    @Test
    void aDecisionStopsTheReminders() {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(marked(incident, now, now));
        awaitClock("next_reminder_at is not null", incident);
        hoursPass(incident, 24);
        assertEquals(List.of(24), hours(reminders(incident, 1)));

        Api.incidentEvent(decided(incident, now, now.plusSeconds(5), false));
        awaitClock("decided_at is not null and next_reminder_at is null and deadline_met", incident);
        hoursPass(incident, 60);
        assertEquals(1, reminders(incident, 2, QUIET).size(), "no reminder after the decision");

        // The authority's reference arrives a day later: the amendment does not restart anything either.
        Api.incidentEvent(decided(incident, now, now.plusSeconds(10), true));
        hoursPass(incident, 24);
        assertEquals(1, reminders(incident, 2, QUIET).size());
    }

    @Test
    void unmarkingStopsTheClockAndMarkingAgainStartsANewOne() {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(marked(incident, now, now));
        awaitClock("next_reminder_at is not null", incident);
        Api.incidentEvent(Envelope.of(new PersonalDataBreachUnmarked("crm", Priority.P1,
                "customer export on a public bucket", "the bucket held test data only", ALICE), incident,
                now.plusSeconds(1)));
        awaitClock("not marked and next_reminder_at is null", incident);
        hoursPass(incident, 30);
        assertEquals(0, reminders(incident, 1, QUIET).size(), "no reminder once unmarked");

        // A replay of the old marking (older than the unmark) is ignored.
        Api.incidentEvent(marked(incident, now, now));
        assertEquals(0, reminders(incident, 1, QUIET).size());

        // Marked again later, aware since 25 hours ago: a new clock, whose 24-hour reminder is due at once.
        Instant again = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(marked(incident, again.minus(Duration.ofHours(25)), again.plusSeconds(2)));
        List<JsonNode> reminders = reminders(incident, 1);
        assertEquals(List.of(24), hours(reminders));
        assertEquals(again.minus(Duration.ofHours(25)).toString().substring(0, 19),
                reminders.get(0).at("/data/awareAt").asText().substring(0, 19));
    }

    @Test
    void aCorrectedAwarenessTimeRetimesTheClockAndALateOneSendsOnlyTheLatestReminder() {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Api.incidentEvent(marked(incident, now, now));
        awaitClock("next_reminder_at is not null", incident);
        assertEquals(0, reminders(incident, 1, QUIET).size());
        // The organisation knew 70 hours ago: one reminder, the 66-hour one, not 24, 48 and 66 in a burst.
        Api.incidentEvent(marked(incident, now.minus(Duration.ofHours(70)), now.plusSeconds(1)));
        List<JsonNode> reminders = reminders(incident, 1);
        assertEquals(List.of(66), hours(reminders));
        awaitClock("reminded_hours = 66", incident);
        hoursPass(incident, 2);
        assertEquals(List.of(66, 72), hours(reminders(incident, 2)));
    }

    @Test
    void twoEngineInstancesClaiming60DueClocksRemindExactlyOncePerClock() throws Exception {
        Set<String> incidents = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            UUID id = UUID.randomUUID();
            incidents.add(id.toString());
            // Clocks 25 hours old whose 24-hour reminder is due, with their timers far ahead for now.
            TestDatabase.execute("""
                    insert into breach_clock (incident_id, service, priority, summary, aware_at, deadline, marked,
                        reminded_hours, next_reminder_at, changed_at, updated_at)
                    values (?::uuid, 'crm', 'P1', 'leak', now() - interval '25 hours', now() + interval '47 hours',
                        true, 0, now() + interval '1 hour', now(), now())""", id.toString());
        }
        EscalationEngine one = new EscalationEngine(outbox, db, escalations, pager, config, breaches);
        EscalationEngine two = new EscalationEngine(outbox, db, escalations, pager, config, breaches);
        TestDatabase.execute("update breach_clock set next_reminder_at = now() - interval '1 second' "
                + "where incident_id = any(?::uuid[])", "{" + String.join(",", incidents) + "}");
        CompletableFuture<EscalationEngine.Pass> a = CompletableFuture.supplyAsync(() -> run(one));
        CompletableFuture<EscalationEngine.Pass> b = CompletableFuture.supplyAsync(() -> run(two));
        int claimed = a.get().breachClocks() + b.get().breachClocks();

        List<JsonNode> reminders = TestKafka.await(Topics.NOTIFICATION_REQUESTS, r -> incidents.contains(r.key()), 60,
                Duration.ofSeconds(60)).stream().map(Api::parse).toList();
        assertEquals(60, reminders.size(), "exactly one reminder per clock");
        Map<String, Long> perIncident = reminders.stream().collect(Collectors.groupingBy(
                n -> n.get("incidentId").asText(), Collectors.counting()));
        assertEquals(incidents, perIncident.keySet());
        assertTrue(reminders.stream().allMatch(n -> n.at("/data/hoursSinceAwareness").asInt() == 24));
        assertTrue(claimed <= 60 && claimed > 0, "the two engines claimed " + claimed + " (the app's loop the rest)");
    }

    private static EscalationEngine.Pass run(EscalationEngine engine) {
        try {
            return VertxContextSupport.subscribeAndAwait(engine::runDue);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
