package io.tocsin.incident.breach.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident marked a personal-data breach (GDPR Art. 33): since when the organisation knows, the 72-hour deadline,
 * who marked it, and the decision on notifying the supervisory authority once recorded. The clock runs while the
 * incident is marked and no decision is recorded (escalation-service sends the reminders).
 */
@Entity
@Table(name = "personal_data_breach")
public class PersonalDataBreach {

    public enum Source { RULE, MANUAL }

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    /** False once unmarked ("not a personal-data breach after all"); the row stays as the record. */
    @Column(nullable = false)
    public boolean marked;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(nullable = false)
    public Instant deadline;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Source source;

    @Column(name = "rule_name")
    public String ruleName;

    public String note;

    @Column(name = "marked_at", nullable = false)
    public Instant markedAt;

    /** As on the timeline, e.g. {@code user:Alice} or {@code integration:Alertmanager}. */
    @Column(name = "marked_by", nullable = false)
    public String markedBy;

    @Column(name = "marked_by_id")
    public String markedById;

    @Column(name = "unmarked_at")
    public Instant unmarkedAt;

    @Column(name = "unmark_reason")
    public String unmarkReason;

    @Column(name = "unmarked_by")
    public String unmarkedBy;

    @Column(name = "unmarked_by_id")
    public String unmarkedById;

    /** When the first decision was recorded: whether the deadline was met is measured with it. */
    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_updated_at")
    public Instant decisionUpdatedAt;

    @Column(name = "notify_authority")
    public Boolean notifyAuthority;

    @Column(name = "authority_notified_at")
    public Instant authorityNotifiedAt;

    public String authority;

    public String reference;

    public String reasoning;

    @Column(name = "data_subjects_informed")
    public Boolean dataSubjectsInformed;

    @Column(name = "data_subjects_informed_at")
    public Instant dataSubjectsInformedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_by_id")
    public String decidedById;

    public boolean decided() {
        return decidedAt != null;
    }
}
