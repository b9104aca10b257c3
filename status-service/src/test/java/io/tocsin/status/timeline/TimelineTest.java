package io.tocsin.status.timeline;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentPhaseChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.Phase;
import io.tocsin.events.Priority;
import io.tocsin.events.PersonRef;
import io.tocsin.events.ResponseTargetAtRisk;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Events;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The timeline read model over the real broker: a realistic incident's events from three services, delivered
 * out of order and with duplicates, converge to the same timeline and state as the same events in order.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class TimelineTest {

    private static final PersonRef BOB = new PersonRef("bob", "Bob Oncall");

    /** One incident's events, in the order they happened (times relative to {@code t0}). */
    static List<Envelope<?>> story(UUID incident, Instant t0) {
        String s = "checkout-api";
        return List.of(
                Envelope.of(new IncidentTriggered(s, Priority.P2, "error", "error rate 12%", "prometheus", "grp-1",
                        t0.plus(Duration.ofHours(1)), List.of(), INTEGRATION), incident, t0),
                Envelope.of(new EscalationStepReached(s, Priority.P2, "error rate 12%", "Checkout primary", 1, 0,
                        List.of(BOB)), incident, t0.plusSeconds(1)),
                Envelope.of(new NotificationDelivered("d-1", UUID.randomUUID(), "page", "RESPONDER",
                        "bob", "Bob Oncall", ContactMethod.Kind.EMAIL, 1), incident, t0.plusSeconds(2)),
                Envelope.of(new AlertAppended(s, Priority.P2, "error rate 12%", 14, t0.plusSeconds(50), INTEGRATION),
                        incident, t0.plusSeconds(60)),
                Envelope.of(new ResponseTargetAtRisk(s, Priority.P2, "error rate 12%", t0.plus(Duration.ofHours(1)), 80),
                        incident, t0.plusSeconds(120)),
                Envelope.of(new IncidentAcknowledged(s, Priority.P2, "error rate 12%", ALICE, ALICE), incident,
                        t0.plusSeconds(240)),
                Envelope.of(new IncidentPriorityChanged(s, Priority.P2, Priority.P1, "error rate 45%",
                        t0.plus(Duration.ofMinutes(15)), "customers cannot pay", ALICE), incident, t0.plusSeconds(300)),
                Envelope.of(new IncidentNoteAdded(s, Priority.P1, "error rate 45%", "db-7 replica lag 40s, secret=hunter2",
                        ALICE), incident, t0.plusSeconds(330)),
                Envelope.of(new NotificationDelivered("d-2", UUID.randomUUID(), "stakeholder-update", "STAKEHOLDER",
                        "exec-group", "Executives", ContactMethod.Kind.EMAIL, 1), incident, t0.plusSeconds(360)),
                Envelope.of(new IncidentPhaseChanged(s, Priority.P1, "error rate 45%", Phase.ANALYSIS, Phase.RECOVERY,
                        ALICE), incident, t0.plusSeconds(900)),
                Envelope.of(new IncidentResolved(s, Priority.P1, "error rate 45%", t0, t0.plusSeconds(240), ALICE),
                        incident, t0.plusSeconds(1800)));
    }

    @Test
    void outOfOrderDeliveryWithDuplicatesConvergesToTheInOrderState() {
        Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        UUID inOrder = UUID.randomUUID();
        UUID shuffled = UUID.randomUUID();
        story(inOrder, t0).forEach(Events::publish);

        // The resolve first, then the rest backwards; three events twice (Kafka redelivery, a producer retry).
        List<Envelope<?>> events = new ArrayList<>(story(shuffled, t0));
        List<String> sent = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            sent.add(Events.publish(events.get(i)));
        }
        Events.send(events.get(0), sent.get(sent.size() - 1));
        Events.send(events.get(10), sent.get(0));
        // All three copies share the incident's partition: once the last is consumed, so are the others.
        TestKafka.awaitConsumed(Events.send(events.get(5), sent.get(5)), Duration.ofSeconds(30));

        JsonPath expected = awaitTimeline(inOrder, 11);
        JsonPath actual = awaitTimeline(shuffled, 11);

        for (JsonPath t : List.of(expected, actual)) {
            assertEquals("RESOLVED", t.getString("incident.status"));
            assertEquals("P1", t.getString("incident.priority"));
            assertEquals("RECOVERY", t.getString("incident.phase"));
            assertEquals(14, t.getInt("incident.alertCount"));
            assertEquals(t0, Instant.parse(t.getString("incident.triggeredAt")));
            assertEquals(t0.plusSeconds(240), Instant.parse(t.getString("incident.acknowledgedAt")));
            assertEquals(t0.plusSeconds(1800), Instant.parse(t.getString("incident.resolvedAt")));
        }
        assertEquals(expected.getList("entries.kind"), actual.getList("entries.kind"));
        assertEquals(expected.getList("entries.detail"), actual.getList("entries.detail"));
        assertEquals(List.of("TRIGGERED", "ESCALATION_STEP", "PAGE_DELIVERED", "ALERT_APPENDED", "TARGET_AT_RISK",
                "ACKNOWLEDGED", "PRIORITY_CHANGED", "NOTE", "STAKEHOLDER_NOTIFIED", "PHASE_CHANGED", "RESOLVED"),
                actual.getList("entries.kind"));
        // Duplicates left nothing behind: one line and one processed record per event.
        assertEquals(11, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid",
                shuffled.toString()));
        assertEquals(1, TestDatabase.count("select count(*) from processed_event where event_id = ?::uuid",
                events.get(10).eventId().toString()));
        // A P1 that resolved opened exactly one postmortem, whatever the order.
        assertEquals(1, TestDatabase.count("select count(*) from postmortem where incident_id = ?::uuid", shuffled.toString()));
        assertEquals(1, TestDatabase.count("select count(*) from postmortem where incident_id = ?::uuid", inOrder.toString()));
    }

    @Test
    void theTimelineNamesActorsAndWhatHappened() {
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS);
        story(incident, t0).subList(0, 6).forEach(Events::publish);
        JsonPath timeline = awaitTimeline(incident, 6);
        assertEquals("ACKNOWLEDGED", timeline.getString("incident.status"));
        given().header("Authorization", TestTokens.bearer("carol", "incident-commander"))
                .get("/api/v1/incidents/" + incident + "/timeline")
                .then().statusCode(200)
                .body("entries[0].actor", equalTo("Alertmanager"))
                .body("entries[0].detail", equalTo("P2 checkout-api: error rate 12% (from prometheus)"))
                .body("entries.detail", hasItems("Escalation step 1 of Checkout primary: paging Bob Oncall",
                        "Page delivered to Bob Oncall (page, attempt 1)", "14 alerts so far"))
                .body("entries[5].actor", equalTo("Alice Responder"));
    }

    @Test
    void aNotificationWithoutAnIncidentIdJoinsTheIncidentOfItsSourceEvent() {
        UUID incident = UUID.randomUUID();
        Envelope<?> trigger = story(incident, Instant.now()).get(0);
        Events.publish(trigger);
        awaitTimeline(incident, 1);
        Events.publish(Envelope.of(new NotificationDelivered("d-3", trigger.eventId(), "stakeholder-update",
                "STAKEHOLDER", "ops-member", "Ops", ContactMethod.Kind.EMAIL, 2), null, Instant.now()));
        JsonPath timeline = awaitTimeline(incident, 2);
        assertEquals("Stakeholder update delivered to Ops (stakeholder-update, attempt 2)",
                timeline.getString("entries[1].detail"));
    }

    @Test
    void aPoisonMessageGoesToItsDeadLetterTopicAndTheNextEventStillArrives() {
        UUID poisoned = UUID.randomUUID();
        TestKafka.send(Topics.NOTIFICATION_EVENTS, poisoned.toString(), "{not json");
        UUID incident = UUID.randomUUID();
        Events.publish(story(incident, Instant.now()).get(2));
        awaitTimeline(incident, 1);
        assertEquals(1, TestKafka.await("tocsin.notification-events.status-dlq",
                r -> poisoned.toString().equals(r.key()), 1, Duration.ofSeconds(20)).size());
    }

    @Test
    void theTimelineIsInternal() {
        UUID unknown = UUID.randomUUID();
        given().get("/api/v1/incidents/" + unknown + "/timeline").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.expired("alice", "responder"))
                .get("/api/v1/incidents/" + unknown + "/timeline").then().statusCode(401);
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder"))
                .get("/api/v1/incidents/" + unknown + "/timeline").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/" + unknown + "/timeline").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice", "responder"))
                .get("/api/v1/incidents/not-a-uuid/timeline").then().statusCode(404);
    }

    static JsonPath awaitTimeline(UUID incident, int entries) {
        JsonPath[] result = new JsonPath[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            result[0] = given().header("Authorization", TestTokens.bearer("alice", "responder"))
                    .get("/api/v1/incidents/" + incident + "/timeline")
                    .then().statusCode(200).body("entries.size()", equalTo(entries))
                    .extract().jsonPath();
        });
        return result[0];
    }
}
