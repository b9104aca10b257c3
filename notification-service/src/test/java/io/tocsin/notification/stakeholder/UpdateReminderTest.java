package io.tocsin.notification.stakeholder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The update cadence (P1 30 min, P2 60 min, none for P3/P4), with time simulated by moving the incident's last
 * update into the past: the assignee, or the last responder paged, is reminded once per missed cadence.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class UpdateReminderTest {

    private static final Actor SYSTEM = Actor.system();

    @Inject
    ObjectMapper mapper;

    @Test
    void theAssigneeIsRemindedWhenNoUpdateWentOutWithinTheCadence() throws Exception {
        String ann = Pages.mailbox("ann");
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered("billing", Priority.P1, "critical",
                "invoices stuck", null, "i", now.plusSeconds(900), List.of(), SYSTEM), incident, now));
        Actor annActor = new Actor(Actor.Kind.USER, "ann", "Ann", ann);
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentAcknowledged("billing", Priority.P1, "invoices stuck",
                annActor, annActor), incident, now.plusSeconds(5)));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from incident_state where incident_id = ? and assignee_email = ?", incident, ann) == 1);

        // 29 minutes without an update: not yet.
        TestDatabase.execute("update incident_state set last_update_at = now() - interval '29 minutes' where incident_id = ?", incident);
        Thread.sleep(2500);
        assertEquals(0, TestMail.inbox(ann).size());

        // 31 minutes: one reminder, and only one.
        TestDatabase.execute("update incident_state set last_update_at = now() - interval '31 minutes' where incident_id = ?", incident);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(ann).size() == 1);
        TestMail.Mail reminder = TestMail.inbox(ann).get(0);
        assertEquals("[P1] billing: invoices stuck (stakeholder update due)", reminder.subject());
        assertTrue(reminder.body().contains("for 30 minutes"), reminder.body());
        Thread.sleep(2500);
        assertEquals(1, TestMail.inbox(ann).size());

        // Another 31 minutes pass after the reminder: the next one.
        TestDatabase.execute("update incident_state set last_update_at = now() - interval '62 minutes', "
                + "reminded_at = now() - interval '31 minutes' where incident_id = ?", incident);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(ann).size() == 2);

        // A public update restarts the cadence.
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u", List.of("billing"), "monitoring",
                "Queue drained.", SYSTEM), incident, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from incident_state where incident_id = ? and last_update_at > now() - interval '1 minute'", incident) == 1);
        TestDatabase.execute("update incident_state set reminded_at = now() - interval '40 minutes' where incident_id = ?", incident);
        Thread.sleep(2500);
        assertEquals(2, TestMail.inbox(ann).size());
    }

    @Test
    void withoutAnAssigneeTheLastResponderPagedIsRemindedAndP3HasNoCadence() throws Exception {
        String bob = Pages.mailbox("bob");
        UUID p2 = UUID.randomUUID();
        Pages.publish(mapper, Envelope.of(Pages.page(bob, "en", Priority.P2, "search", "slow", Duration.ofHours(1), 1),
                p2, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(bob).size() == 1);

        String carl = Pages.mailbox("carl");
        UUID p3 = UUID.randomUUID();
        Pages.publish(mapper, Envelope.of(Pages.page(carl, "en", Priority.P3, "search", "minor", Duration.ofHours(4), 1),
                p3, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(carl).size() == 1);

        TestDatabase.execute("update incident_state set last_update_at = now() - interval '61 minutes' where incident_id in (?, ?)", p2, p3);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.inbox(bob).size() == 2);
        assertEquals("[P2] search: slow (stakeholder update due)", TestMail.inbox(bob).get(1).subject());
        Thread.sleep(2000);
        assertEquals(1, TestMail.inbox(carl).size(), "P3 has no update cadence");
    }

    private void publish(String topic, Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(topic, event.incidentId().toString(), json);
    }
}
