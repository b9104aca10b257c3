package io.tocsin.escalation.breach.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The GDPR Art. 33 clock of one personal-data breach, and its durable timer {@code nextReminderAt}: the engine sends
 * a reminder at 24, 48 and 66 hours after {@code awareAt} and "overdue" at 72, until a decision is recorded or the
 * incident is unmarked. Keyed by incident id, filled from incident-service's events.
 */
@Entity
@Table(name = "breach_clock")
public class BreachClock {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String summary;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(nullable = false)
    public boolean marked;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "deadline_met")
    public Boolean deadlineMet;

    /** The last reminder sent: 0 (none yet), 24, 48, 66, or 72 (overdue). */
    @Column(name = "reminded_hours", nullable = false)
    public int remindedHours;

    @Column(name = "next_reminder_at")
    public Instant nextReminderAt;

    /** occurredAt of the event that last changed the clock: an older event replayed later is ignored. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether reminders are still due: marked, and no decision recorded. */
    public boolean running() {
        return marked && decidedAt == null;
    }
}
