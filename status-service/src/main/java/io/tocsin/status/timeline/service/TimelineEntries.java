package io.tocsin.status.timeline.service;

import io.tocsin.commons.privacy.Addresses;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationLevelSkipped;
import io.tocsin.events.EscalationMuted;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.EvidenceAdded;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentPhaseChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.NotificationFailed;
import io.tocsin.events.PersonRef;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Priority;
import io.tocsin.events.ResponseTargetAtRisk;
import io.tocsin.events.ResponseTargetBreached;
import io.tocsin.status.timeline.model.TimelineEntry;
import io.tocsin.status.timeline.model.TimelineKind;

import java.util.stream.Collectors;

/**
 * Turns one event into one timeline line: its kind, its actor and a sentence for responders, plus the structured
 * fields the read model folds over. Pure: no database, so every mapping is tested in plain JUnit.
 */
public final class TimelineEntries {

    public static final String STAKEHOLDER = "STAKEHOLDER";

    /** How a decision line says the GDPR deadline was met; the postmortem reads the clock's outcome from it. */
    public static final String DEADLINE_MET = "the 72 hours were met";

    private TimelineEntries() {
    }

    /** The line for {@code event}, or null when the type adds nothing to a timeline. */
    public static TimelineEntry of(Envelope<?> event) {
        Object data = event.data();
        if (data instanceof IncidentTriggered d) {
            TimelineEntry e = base(event, TimelineKind.TRIGGERED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = d.priority() + " " + d.service() + ": " + d.summary()
                    + (d.source() != null ? " (from " + d.source() + ")" : "");
            e.respondBy = d.respondBy();
            e.alertCount = 1;
            return e;
        }
        if (data instanceof AlertAppended d) {
            TimelineEntry e = base(event, TimelineKind.ALERT_APPENDED, d.actor(), d.service(), d.priority(), d.summary());
            e.alertCount = d.alertCount();
            e.detail = d.alertCount() + " alerts so far";
            return e;
        }
        if (data instanceof IncidentAcknowledged d) {
            TimelineEntry e = base(event, TimelineKind.ACKNOWLEDGED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = "Acknowledged" + (d.assignee() != null ? "; assigned to " + label(d.assignee()) : "");
            person(e, d.assignee());
            return e;
        }
        if (data instanceof IncidentResolved d) {
            TimelineEntry e = base(event, TimelineKind.RESOLVED, d.actor(), d.service(), d.priority(), d.summary());
            e.triggeredAt = d.triggeredAt();
            e.acknowledgedAt = d.acknowledgedAt();
            e.detail = "Resolved";
            return e;
        }
        if (data instanceof IncidentReopened d) {
            TimelineEntry e = base(event, TimelineKind.REOPENED, d.actor(), d.service(), d.priority(), d.summary());
            e.respondBy = d.respondBy();
            e.detail = "Reopened";
            return e;
        }
        if (data instanceof IncidentSnoozed d) {
            TimelineEntry e = base(event, TimelineKind.SNOOZED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = "Escalation snoozed until " + d.snoozedUntil();
            return e;
        }
        if (data instanceof IncidentPriorityChanged d) {
            TimelineEntry e = base(event, TimelineKind.PRIORITY_CHANGED, d.actor(), d.service(), d.priority(), d.summary());
            e.respondBy = d.respondBy();
            e.detail = "Priority " + d.previousPriority() + " → " + d.priority()
                    + (d.reason() != null ? ": " + d.reason() : "");
            return e;
        }
        if (data instanceof IncidentPhaseChanged d) {
            TimelineEntry e = base(event, TimelineKind.PHASE_CHANGED, d.actor(), d.service(), d.priority(), d.summary());
            e.phase = d.phase() == null ? null : d.phase().name();
            e.detail = "Phase " + d.previousPhase() + " → " + d.phase();
            return e;
        }
        if (data instanceof IncidentAssigned d) {
            TimelineEntry e = base(event, TimelineKind.ASSIGNED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = "Assigned to " + (d.assignee() != null ? label(d.assignee()) : "nobody");
            person(e, d.assignee());
            return e;
        }
        if (data instanceof IncidentRoleChanged d) {
            TimelineEntry e = base(event, TimelineKind.ROLE_CHANGED, d.actor(), d.service(), d.priority(), d.summary());
            String role = d.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            e.detail = switch (d.change()) {
                case ASSIGNED -> label(d.holder()) + " is " + role;
                case HANDED_OVER -> label(d.previousHolder()) + " handed " + role + " over to " + label(d.holder());
                case RELEASED -> label(d.holder()) + " is no longer " + role;
            };
            return e;
        }
        if (data instanceof IncidentBridgeChanged d) {
            TimelineEntry e = base(event, TimelineKind.BRIDGE_CHANGED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = d.bridgeUrl() == null ? "Bridge removed" : "Bridge: " + d.bridgeUrl();
            return e;
        }
        if (data instanceof EvidenceAdded d) {
            TimelineEntry e = base(event, TimelineKind.EVIDENCE_ADDED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = evidence(d);
            return e;
        }
        if (data instanceof PersonalDataBreachMarked d) {
            TimelineEntry e = base(event, TimelineKind.BREACH_MARKED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = breachMarked(d);
            return e;
        }
        if (data instanceof PersonalDataBreachUnmarked d) {
            TimelineEntry e = base(event, TimelineKind.BREACH_UNMARKED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = "Not a personal-data breach after all: " + d.reason() + "; the GDPR clock stopped";
            return e;
        }
        if (data instanceof PersonalDataBreachDecided d) {
            TimelineEntry e = base(event, TimelineKind.BREACH_DECIDED, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = breachDecided(d);
            return e;
        }
        if (data instanceof IncidentNoteAdded d) {
            TimelineEntry e = base(event, TimelineKind.NOTE, d.actor(), d.service(), d.priority(), d.summary());
            e.detail = d.note();
            return e;
        }
        if (data instanceof EscalationStepReached d) {
            TimelineEntry e = base(event, TimelineKind.ESCALATION_STEP, Actor.system(), d.service(), d.priority(), d.summary());
            String who = d.recipients() == null || d.recipients().isEmpty() ? "nobody"
                    : d.recipients().stream().map(TimelineEntries::name).collect(Collectors.joining(", "));
            if (d.recipients() != null) {
                d.recipients().forEach(r -> e.names(r.id(), name(r)));
            }
            e.detail = "Escalation step " + d.step() + (d.loop() > 0 ? " (loop " + (d.loop() + 1) + ")" : "")
                    + " of " + d.policyName() + ": paging " + who;
            return e;
        }
        if (data instanceof EscalationLevelSkipped d) {
            TimelineEntry e = base(event, TimelineKind.ESCALATION_SKIPPED, Actor.system(), d.service(), d.priority(), d.summary());
            e.detail = "Escalation step " + d.step() + " of " + d.policyName() + " skipped: " + d.reason();
            return e;
        }
        if (data instanceof EscalationMuted d) {
            TimelineEntry e = base(event, TimelineKind.ESCALATION_MUTED, Actor.system(), d.service(), d.priority(), d.summary());
            e.detail = "Paging muted: " + d.reason();
            return e;
        }
        if (data instanceof ResponseTargetAtRisk d) {
            TimelineEntry e = base(event, TimelineKind.TARGET_AT_RISK, Actor.system(), d.service(), d.priority(), d.summary());
            e.detail = "Response target at risk (" + d.percent() + " % used; respond by " + d.respondBy() + ")";
            return e;
        }
        if (data instanceof ResponseTargetBreached d) {
            TimelineEntry e = base(event, TimelineKind.TARGET_BREACHED, Actor.system(), d.service(), d.priority(), d.summary());
            e.detail = "Response target breached (respond by " + d.respondBy() + ")";
            return e;
        }
        if (data instanceof NotificationDelivered d) {
            boolean stakeholder = STAKEHOLDER.equalsIgnoreCase(d.audience());
            TimelineEntry e = base(event, stakeholder ? TimelineKind.STAKEHOLDER_NOTIFIED : TimelineKind.PAGE_DELIVERED,
                    Actor.system(), null, null, null);
            e.audience = d.audience();
            e.detail = (stakeholder ? "Stakeholder update" : "Page") + " delivered to " + recipient(d.recipientName())
                    + " (" + d.template() + ", attempt " + d.attempts() + ")";
            e.names(d.recipientId(), d.recipientName());
            return e;
        }
        if (data instanceof NotificationFailed d) {
            boolean stakeholder = STAKEHOLDER.equalsIgnoreCase(d.audience());
            TimelineEntry e = base(event, stakeholder ? TimelineKind.STAKEHOLDER_NOTIFICATION_FAILED : TimelineKind.PAGE_FAILED,
                    Actor.system(), null, null, null);
            e.audience = d.audience();
            // Version 1 reasons could quote an address ("Invalid webhook URL: …"): never onto a timeline.
            e.detail = (stakeholder ? "Stakeholder update" : "Page") + " to " + recipient(d.recipientName())
                    + (d.permanent() ? " failed permanently" : " failed") + " after " + d.attempts() + " attempt(s): "
                    + Addresses.scrub(d.reason());
            e.names(d.recipientId(), d.recipientName());
            return e;
        }
        return null;
    }

    /** "Personal-data breach (GDPR Art. 33), aware since …; deadline … (72 h); marked by rule 'pii-export'. …". */
    static String breachMarked(PersonalDataBreachMarked d) {
        return "Personal-data breach (GDPR Art. 33), aware since " + d.awareAt() + "; deadline " + d.deadline()
                + " (72 h); marked " + (d.source() == PersonalDataBreachMarked.Source.RULE
                ? "by classification rule '" + d.rule() + "'" : "by hand")
                + (d.note() != null && !d.note().isBlank() ? ". " + d.note() : "");
    }

    /**
     * "GDPR decision: the supervisory authority (BfDI) was notified at … (reference …); data subjects informed at …
     * (Art. 34); the 72 hours were met (decided at …). Reasoning: …".
     */
    static String breachDecided(PersonalDataBreachDecided d) {
        StringBuilder s = new StringBuilder(d.amended() ? "GDPR decision amended: " : "GDPR decision: ");
        if (d.notifyAuthority()) {
            s.append("the supervisory authority").append(d.authority() != null ? " (" + d.authority() + ")" : "")
                    .append(" was notified").append(d.authorityNotifiedAt() != null ? " at " + d.authorityNotifiedAt() : "")
                    .append(d.reference() != null ? " (reference " + d.reference() + ")" : "");
        } else {
            s.append("the supervisory authority is not notified");
        }
        s.append("; data subjects ").append(d.dataSubjectsInformed() ? "informed" + (d.dataSubjectsInformedAt() != null
                ? " at " + d.dataSubjectsInformedAt() : "") : "not informed").append(" (Art. 34)");
        s.append("; ").append(d.deadlineMet() ? DEADLINE_MET : "the 72 hours were missed").append(" (decided at ")
                .append(d.decidedAt()).append(", deadline ").append(d.deadline()).append(")");
        s.append(". Reasoning: ").append(d.reasoning());
        return s.toString();
    }

    /** "firewall.log (text/plain, 1234 bytes), SHA-256 9f86…" or "capture: https://… (SHA-256 …)". */
    static String evidence(EvidenceAdded d) {
        String what = d.kind() == EvidenceAdded.Kind.LINK
                ? d.name() + ": " + d.url()
                : d.name() + " (" + (d.mediaType() != null ? d.mediaType() + ", " : "") + d.sizeBytes() + " bytes)";
        return "Evidence " + what + ", SHA-256 " + d.sha256()
                + (d.description() != null && !d.description().isBlank() ? ". " + d.description() : "");
    }

    /** Display name of an actor: their name, else their id. */
    public static String label(Actor actor) {
        if (actor == null) {
            return null;
        }
        return actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.id();
    }

    /**
     * A recipient as a line names them: their name only. Notification events name nobody by address (version 2);
     * version 1 messages still in Kafka carried one, which is ignored.
     */
    private static String recipient(String name) {
        return name != null && !name.isBlank() ? name : "someone";
    }

    private static void person(TimelineEntry e, Actor who) {
        if (who != null && who.kind() == Actor.Kind.USER) {
            e.names(who.id(), label(who));
        }
    }

    private static TimelineEntry base(Envelope<?> event, TimelineKind kind, Actor actor, String service,
                                      Priority priority, String summary) {
        TimelineEntry e = new TimelineEntry();
        e.eventId = event.eventId();
        e.incidentId = event.incidentId();
        e.at = event.occurredAt();
        e.kind = kind;
        e.actor = label(actor);
        person(e, actor);
        e.service = service;
        e.priority = priority == null ? null : priority.name();
        e.summary = summary;
        return e;
    }

    private static String name(PersonRef r) {
        return r.name() != null ? r.name() : r.id();
    }
}
