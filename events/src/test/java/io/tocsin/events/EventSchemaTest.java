package io.tocsin.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tocsin.events.testing.EventSchemaAssert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemaTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Actor alice = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");

    @Test
    void everyEventTypeHasASchema() {
        for (EventType type : EventType.values()) {
            assertNotNull(EventType.class.getResource(type.schemaResource()), type.typeName());
        }
    }

    @Test
    void serializedEventsOfEveryTypeMatchTheirSchemas() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        Instant due = now.plusSeconds(900);
        Actor integration = new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null);
        List<Link> links = List.of(new Link("https://runbooks.example.test/x", "Runbook"));
        Recipient bob = new Recipient("bob", "Bob", "bob@example.test", "Europe/Berlin", "de");
        ContactMethod mail = ContactMethod.email("bob@example.test");
        List<EventData> samples = List.of(
                new IncidentTriggered("checkout-api", Priority.P1, "critical", "error rate 45%", "prometheus",
                        "abc", due, links, integration),
                new AlertAppended("checkout-api", Priority.P1, "error rate 45%", 7, now, integration),
                new IncidentAcknowledged("checkout-api", Priority.P1, "error rate 45%", alice, alice),
                new IncidentResolved("checkout-api", Priority.P1, "error rate 45%", now, now.plusSeconds(60), alice),
                new IncidentReopened("checkout-api", Priority.P1, "error rate 45%", due, alice),
                new IncidentSnoozed("checkout-api", Priority.P1, "error rate 45%", due, alice),
                new IncidentPriorityChanged("checkout-api", Priority.P2, Priority.P1, "error rate 45%", due,
                        "customers affected", alice),
                new IncidentPhaseChanged("checkout-api", Priority.P1, "error rate 45%", Phase.DETECTION,
                        Phase.ANALYSIS, alice),
                new IncidentAssigned("checkout-api", Priority.P1, "error rate 45%", alice, alice),
                new IncidentNoteAdded("checkout-api", Priority.P1, "error rate 45%", "rolled back 1.4.2", alice),
                new IncidentRoleChanged("checkout-api", Priority.P1, "error rate 45%", due, IncidentRole.COMMANDER,
                        IncidentRoleChanged.Change.HANDED_OVER, alice, new Actor(Actor.Kind.USER, "bob", "Bob", null),
                        "https://meet.example.test/p1", "https://tocsin.example.test/room/abc.def", alice),
                new IncidentBridgeChanged("checkout-api", Priority.P1, "error rate 45%", "https://meet.example.test/p1",
                        alice),
                new EvidenceAdded("checkout-api", Priority.P1, "error rate 45%", UUID.randomUUID().toString(),
                        EvidenceAdded.Kind.FILE, "firewall.log", "edge firewall, 09:00-10:00", "text/plain", 1234L, null,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", alice),
                new PersonalDataBreachMarked("checkout-api", Priority.P1, "error rate 45%", now.minusSeconds(3600),
                        now.plusSeconds(68 * 3600), PersonalDataBreachMarked.Source.MANUAL, null,
                        "customer records in the export", alice),
                new PersonalDataBreachUnmarked("checkout-api", Priority.P1, "error rate 45%",
                        "the export held test data only", alice),
                new PersonalDataBreachDecided("checkout-api", Priority.P1, "error rate 45%", now.minusSeconds(3600),
                        now.plusSeconds(68 * 3600), now, true, now, "BfDI", "BfDI-2026-0042",
                        "customer addresses were exposed", false, null, true, false, alice),
                new EscalationStepReached("checkout-api", Priority.P1, "error rate 45%", "Checkout P1", 1, 0,
                        List.of(new PersonRef("bob", "Bob"))),
                new EscalationLevelSkipped("checkout-api", Priority.P1, "error rate 45%", "Checkout P1", 2, 0,
                        "schedule 'team-leads' has nobody on call"),
                new EscalationMuted("checkout-api", Priority.P1, "error rate 45%", "maintenance 'DB upgrade'"),
                new ResponseTargetAtRisk("checkout-api", Priority.P1, "error rate 45%", due, 80),
                new ResponseTargetBreached("checkout-api", Priority.P1, "error rate 45%", due),
                new NotificationRequested(bob, mail, "checkout-api", Priority.P1, "error rate 45%", due, links, 1, 0,
                        "escalation level 1"),
                new StakeholderNoticeRequested(StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK,
                        "checkout-api", Priority.P1, "error rate 45%", due, 80, new PersonRef("alice", "Alice")),
                new BreachReminderRequested("checkout-api", Priority.P1, "error rate 45%", now.minusSeconds(86_400),
                        now.plusSeconds(48 * 3600), 24, false, null),
                new NotificationDelivered("d-1", UUID.randomUUID(), "page", "RESPONDER", "bob", "Bob",
                        ContactMethod.Kind.EMAIL, 1),
                new NotificationFailed("d-2", UUID.randomUUID(), "page", "RESPONDER", "bob", "Bob",
                        ContactMethod.Kind.WEBHOOK, 3, true, "Webhook answered HTTP 410"),
                new PublicUpdatePosted("u-1", List.of("checkout-api"), "investigating", "We are looking into it.", alice),
                new MaintenanceStarted("m-1", "DB upgrade", List.of("checkout-api"), now, due),
                new MaintenanceEnded("m-1", "DB upgrade", List.of("checkout-api")),
                new ComponentChanged(UUID.randomUUID().toString(), "checkout-api", "Checkout", "Shop", false),
                new PostmortemPublished("pm-1", "Checkout outage", "checkout-api", Priority.P1, "error rate 45%",
                        "/api/v1/postmortems/pm-1", alice),
                new ActionItemOverdue("a-1", "pm-1", "Add a canary", "alice", LocalDate.parse("2026-11-20")),
                new PersonErased("carol-member-id", PersonErased.Kind.STAKEHOLDER));
        assertEquals(EventType.values().length, samples.size(), "a sample per event type");
        for (EventData data : samples) {
            EventSchemaAssert.assertMatchesSchema(mapper.writeValueAsString(Envelope.of(data, incident, now)));
        }
    }

    @Test
    void eventsThatLeaveTheirServiceCarryNoAddress() throws Exception {
        // A producer that put the address back (as version 1 did) breaks the contract.
        String delivered = mapper.writeValueAsString(Envelope.of(new NotificationDelivered("d-1", null, "page",
                "RESPONDER", "bob", "Bob", ContactMethod.Kind.WEBHOOK, 1), UUID.randomUUID(), Instant.now()));
        String withUrl = delivered.replace("\"channel\":", "\"contact\":{\"kind\":\"WEBHOOK\","
                + "\"address\":\"https://hooks.slack.com/services/T0/B0/secret\"},\"channel\":");
        assertFalse(EventSchemaAssert.violations(withUrl).isEmpty(), withUrl);
        String step = mapper.writeValueAsString(Envelope.of(new EscalationStepReached("checkout-api", Priority.P1, "x",
                "P1", 1, 0, List.of(new PersonRef("bob", "Bob"))), UUID.randomUUID(), Instant.now()));
        assertFalse(EventSchemaAssert.violations(step.replace("\"name\":\"Bob\"",
                "\"name\":\"Bob\",\"email\":\"bob@example.test\"")).isEmpty());
    }

    @Test
    void clockNoticesNameTheCommanderWithoutAnAddress() throws Exception {
        String notice = mapper.writeValueAsString(Envelope.of(new StakeholderNoticeRequested(
                StakeholderNoticeRequested.Notice.RESPONSE_TARGET_BREACHED, "checkout-api", Priority.P2, "slow", Instant.now(),
                null, new PersonRef("alice", "Alice")), UUID.randomUUID(), Instant.now()));
        EventSchemaAssert.assertMatchesSchema(notice);
        assertFalse(EventSchemaAssert.violations(notice.replace("\"name\":\"Alice\"",
                "\"name\":\"Alice\",\"email\":\"alice@example.test\"")).isEmpty());
        String reminder = mapper.writeValueAsString(Envelope.of(new BreachReminderRequested("checkout-api", Priority.P1,
                "leak", Instant.now(), Instant.now(), 96, true, null), UUID.randomUUID(), Instant.now()));
        assertFalse(EventSchemaAssert.violations(reminder).isEmpty(), "the clock ends at 72 hours");
    }

    @Test
    void aBreachDecisionNeedsItsReasoning() throws Exception {
        String decided = mapper.writeValueAsString(Envelope.of(new PersonalDataBreachDecided("checkout-api",
                Priority.P1, "leak", Instant.now(), Instant.now(), Instant.now(), false, null, null, null, "",
                false, null, true, false, alice), UUID.randomUUID(), Instant.now()));
        assertFalse(EventSchemaAssert.violations(decided).isEmpty());
    }

    @Test
    void version1MessagesStillInKafkaAreReadWithoutTheirAddresses() throws Exception {
        ObjectMapper tolerant = mapper.copy()
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        NotificationDelivered old = tolerant.readValue("""
                {"deliveryId":"d-1","sourceEventId":null,"template":"page","audience":"RESPONDER",
                 "contact":{"kind":"WEBHOOK","address":"https://hooks.slack.com/services/T0/B0/secret","format":"SLACK"},
                 "recipientName":"Bob","attempts":1}""", NotificationDelivered.class);
        assertEquals("Bob", old.recipientName());
        assertFalse(old.toString().contains("hooks.slack.com"));
        EscalationStepReached step = tolerant.readValue("""
                {"service":"s","priority":"P1","summary":"x","policyName":"p","step":1,"loop":0,
                 "recipients":[{"id":"bob","name":"Bob","email":"bob@example.test","timeZone":"UTC","locale":"en"}]}""",
                EscalationStepReached.class);
        assertEquals(List.of(new PersonRef("bob", "Bob")), step.recipients());
    }

    @Test
    void aReleaseNeedsNoLinksAndEvidenceHashesAreHex() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        EventSchemaAssert.assertMatchesSchema(mapper.writeValueAsString(Envelope.of(new IncidentRoleChanged(
                "checkout-api", Priority.P2, "slow", null, IncidentRole.SCRIBE, IncidentRoleChanged.Change.RELEASED,
                alice, null, null, null, alice), incident, now)));
        EventSchemaAssert.assertMatchesSchema(mapper.writeValueAsString(Envelope.of(new IncidentBridgeChanged(
                "checkout-api", Priority.P2, "slow", null, alice), incident, now)));
        var link = Envelope.of(new EvidenceAdded("checkout-api", Priority.P2, "slow", UUID.randomUUID().toString(),
                EvidenceAdded.Kind.LINK, "capture", null, null, null, "https://files.example.test/c.pcap",
                "NOT-A-HASH", alice), incident, now);
        assertFalse(EventSchemaAssert.violations(mapper.writeValueAsString(link)).isEmpty(), "sha256 must be hex");
    }

    @Test
    void aMessageMissingARequiredFieldIsRejected() throws Exception {
        var event = Envelope.of(new IncidentAcknowledged("checkout-api", Priority.P2, "slow", null, alice),
                UUID.randomUUID(), Instant.now());
        String json = mapper.writeValueAsString(event).replace("\"priority\":\"P2\",", "");
        assertFalse(EventSchemaAssert.violations(json).isEmpty());
        assertThrows(AssertionError.class, () -> EventSchemaAssert.assertMatchesSchema(json));
    }

    @Test
    void wrongValuesAndUnknownTypesAreRejected() throws Exception {
        var event = Envelope.of(new IncidentResolved("Checkout API!", Priority.P3, "slow", null, null, alice),
                UUID.randomUUID(), Instant.now());
        assertFalse(EventSchemaAssert.violations(mapper.writeValueAsString(event)).isEmpty(), "service slug pattern");
        assertTrue(EventSchemaAssert.violations("{\"type\":\"Nope\"}").contains("unknown event type 'Nope'"));
        assertFalse(EventSchemaAssert.violations("{\"eventId\":\"not-a-uuid\",\"type\":\"IncidentResolved\"}").isEmpty());
    }
}
