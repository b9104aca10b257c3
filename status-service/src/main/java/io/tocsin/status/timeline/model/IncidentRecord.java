package io.tocsin.status.timeline.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The read model's current state of one incident: recomputed from all of its timeline entries after each event,
 * so it converges to the same state whatever order the events arrived in. Fields stay null until an event names
 * them (a notification can arrive before the trigger).
 */
@Entity
@Table(name = "incident_record")
public class IncidentRecord {

    public enum Status { TRIGGERED, ACKNOWLEDGED, RESOLVED }

    @Id
    public UUID id;

    public String service;

    public String priority;

    /** Internal: the alert's summary. Public pages show {@link #publicTitle} instead. */
    public String summary;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String phase;

    @Column(name = "triggered_at")
    public Instant triggeredAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "respond_by")
    public Instant respondBy;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    @Column(name = "public_title")
    public String publicTitle;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isOpen() {
        return status == Status.TRIGGERED || status == Status.ACKNOWLEDGED;
    }
}
