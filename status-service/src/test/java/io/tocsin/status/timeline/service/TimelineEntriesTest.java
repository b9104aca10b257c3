package io.tocsin.status.timeline.service;

import io.tocsin.events.Actor;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationLevelSkipped;
import io.tocsin.events.EscalationMuted;
import io.tocsin.events.EvidenceAdded;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.NotificationFailed;
import io.tocsin.events.PersonRef;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Priority;
import io.tocsin.events.ResponseTargetBreached;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.model.TimelineKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.tocsin.status.Events.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each event type becomes the right line, with a sentence a responder understands. */
class TimelineEntriesTest {

    private static final UUID INCIDENT = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private static TimelineEntry line(Object data) {
        return TimelineEntries.of(new Envelope<>(UUID.randomUUID(), "x", 1, AT, INCIDENT, data));
    }

    @Test
    void breachLinesSayWhatWasDecidedAndWhetherTheDeadlineWasMet() {
        Instant aware = Instant.parse("2026-11-27T08:30:00Z");
        TimelineEntry late = line(new PersonalDataBreachDecided("crm", Priority.P1, "leak", aware,
                aware.plusSeconds(72 * 3600), aware.plusSeconds(80 * 3600), false, null, null, null,
                "only hashed values", true, aware.plusSeconds(90 * 3600), false, true, Actor.system()));
        assertEquals(TimelineKind.BREACH_DECIDED, late.kind);
        assertEquals("GDPR decision amended: the supervisory authority is not notified; data subjects informed at "
                + "2026-12-01T02:30:00Z (Art. 34); the 72 hours were missed (decided at 2026-11-30T16:30:00Z, deadline "
                + "2026-11-30T08:30:00Z). Reasoning: only hashed values", late.detail);
        TimelineEntry unmarked = line(new PersonalDataBreachUnmarked("crm", Priority.P1, "leak", "test data only",
                Actor.system()));
        assertEquals(TimelineKind.BREACH_UNMARKED, unmarked.kind);
        assertEquals("Not a personal-data breach after all: test data only; the GDPR clock stopped", unmarked.detail);
    }

    @Test
    void escalationLines() {
        TimelineEntry skipped = line(new EscalationLevelSkipped("api", Priority.P1, "s", "Primary", 2, 0,
                "nobody on call"));
        assertEquals(TimelineKind.ESCALATION_SKIPPED, skipped.kind);
        assertEquals("Escalation step 2 of Primary skipped: nobody on call", skipped.detail);
        assertEquals("Tocsin", skipped.actor);
        assertEquals("P1", skipped.priority);

        TimelineEntry muted = line(new EscalationMuted("api", Priority.P2, "s", "maintenance: Database upgrade"));
        assertEquals(TimelineKind.ESCALATION_MUTED, muted.kind);
        assertEquals("Paging muted: maintenance: Database upgrade", muted.detail);

        TimelineEntry breached = line(new ResponseTargetBreached("api", Priority.P1, "s", AT));
        assertEquals(TimelineKind.TARGET_BREACHED, breached.kind);
    }

    @Test
    void warRoomLinesSayWhoLeadsAndWhatEvidenceWasAdded() {
        Actor bob = new Actor(Actor.Kind.USER, "bob", "Bob", null);
        TimelineEntry handOver = line(new IncidentRoleChanged("api", Priority.P1, "s", AT, IncidentRole.COMMANDER,
                IncidentRoleChanged.Change.HANDED_OVER, bob, ALICE, null, "https://x.test/room/t", ALICE));
        assertEquals(TimelineKind.ROLE_CHANGED, handOver.kind);
        assertEquals("Alice Responder handed commander over to Bob", handOver.detail);
        assertEquals("Bob is no longer communications lead", line(new IncidentRoleChanged("api", Priority.P1, "s", AT,
                IncidentRole.COMMUNICATIONS_LEAD, IncidentRoleChanged.Change.RELEASED, bob, null, null, null, bob)).detail);
        assertEquals("Bridge: https://meet.example.test/p1", line(new IncidentBridgeChanged("api", Priority.P1, "s",
                "https://meet.example.test/p1", ALICE)).detail);
        TimelineEntry file = line(new EvidenceAdded("api", Priority.P1, "s", UUID.randomUUID().toString(),
                EvidenceAdded.Kind.FILE, "fw.log", "edge firewall", "text/plain", 1234L, null, "ab".repeat(32), ALICE));
        assertEquals(TimelineKind.EVIDENCE_ADDED, file.kind);
        assertEquals("Evidence fw.log (text/plain, 1234 bytes), SHA-256 " + "ab".repeat(32) + ". edge firewall",
                file.detail);
        assertEquals("Evidence capture: https://files.example.test/c.pcap, SHA-256 " + "cd".repeat(32),
                line(new EvidenceAdded("api", Priority.P1, "s", UUID.randomUUID().toString(), EvidenceAdded.Kind.LINK,
                        "capture", null, null, null, "https://files.example.test/c.pcap", "cd".repeat(32), ALICE)).detail);
    }

    @Test
    void failedNotificationsSayWhyAndToWhom() {
        TimelineEntry page = line(new NotificationFailed("d", UUID.randomUUID(), "page", "RESPONDER",
                "bob", "Bob", ContactMethod.Kind.EMAIL, 5, true, "550 mailbox unavailable"));
        assertEquals(TimelineKind.PAGE_FAILED, page.kind);
        assertEquals("Page to Bob failed permanently after 5 attempt(s): 550 mailbox unavailable", page.detail);
        assertEquals(List.of(new PersonRef("bob", "Bob")), page.people, "the line knows whom it names");
        TimelineEntry stakeholder = line(new NotificationFailed("d", UUID.randomUUID(), "update", "STAKEHOLDER",
                null, null, ContactMethod.Kind.EMAIL, 1, false, "timeout"));
        assertEquals(TimelineKind.STAKEHOLDER_NOTIFICATION_FAILED, stakeholder.kind);
        assertEquals("Stakeholder update to someone failed after 1 attempt(s): timeout", stakeholder.detail);
        assertNull(stakeholder.service);
    }

    @Test
    void aFailureReasonThatQuotesAnAddressLosesIt() {
        // As a version 1 producer wrote them: the reason quoted the webhook URL.
        TimelineEntry page = line(new NotificationFailed("d", UUID.randomUUID(), "page", "RESPONDER", "bob", "Bob",
                ContactMethod.Kind.WEBHOOK, 1, true,
                "Invalid webhook URL: Illegal character in path at index 41: https://hooks.slack.com/services/T0/B0/s3cr3t x"));
        assertFalse(page.detail.contains("s3cr3t") || page.detail.contains("/services/"), page.detail);
    }

    @Test
    void snoozeNamesItsActorAndTypesWithoutATimelineAreIgnored() {
        TimelineEntry snoozed = line(new IncidentSnoozed("api", Priority.P3, "s", AT.plusSeconds(3600), ALICE));
        assertEquals(TimelineKind.SNOOZED, snoozed.kind);
        assertEquals("Alice Responder", snoozed.actor);
        assertEquals("Escalation snoozed until 2026-11-27T11:00:00Z", snoozed.detail);
        assertNull(line(new MaintenanceEnded("m", "t", List.of("api"))));
    }
}
