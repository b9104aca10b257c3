package io.tocsin.status.timeline.model;

/**
 * What a timeline line records. The declaration order breaks ties between lines with the same timestamp, so the
 * fold is deterministic: a trigger sorts before an acknowledge, a resolve after everything it closes.
 */
public enum TimelineKind {
    TRIGGERED,
    REOPENED,
    ALERT_APPENDED,
    PRIORITY_CHANGED,
    ESCALATION_STEP,
    ESCALATION_SKIPPED,
    ESCALATION_MUTED,
    PAGE_DELIVERED,
    PAGE_FAILED,
    TARGET_AT_RISK,
    TARGET_BREACHED,
    ACKNOWLEDGED,
    ASSIGNED,
    SNOOZED,
    PHASE_CHANGED,
    ROLE_CHANGED,
    BRIDGE_CHANGED,
    EVIDENCE_ADDED,
    BREACH_MARKED,
    BREACH_UNMARKED,
    BREACH_DECIDED,
    NOTE,
    STAKEHOLDER_NOTIFIED,
    STAKEHOLDER_NOTIFICATION_FAILED,
    PUBLIC_UPDATE,
    RESOLVED
}
