package io.tocsin.incident.lifecycle.model;

import io.tocsin.events.Phase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An incident: one problem on one service, opened by an alert and worked until it is resolved. */
@Entity
@Table(name = "incident")
public class Incident {

    public enum Status { TRIGGERED, ACKNOWLEDGED, RESOLVED }

    @Id
    public UUID id;

    /** Null for incidents opened by hand. */
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "dedup_key", nullable = false)
    public String dedupKey;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String summary;

    public String source;

    /** The alert's links as a JSON array of {href, text}. */
    @Column(nullable = false)
    public String links;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "alert_count", nullable = false)
    public int alertCount;

    @Column(name = "respond_by", nullable = false)
    public Instant respondBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public Instant lastSeenAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "assignee_name")
    public String assigneeName;

    @Column(name = "assignee_email")
    public String assigneeEmail;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Phase phase;

    @Column(name = "snoozed_until")
    public Instant snoozedUntil;

    /** Grows with every change: the ETag of the incident's representation. */
    @Column(nullable = false)
    public int version;

    /** When an AlertAppended event last went out (they are throttled). */
    @Column(name = "last_event_at")
    public Instant lastEventAt;

    /** The classification rule that decided the priority, if any. */
    @Column(name = "rule_id")
    public UUID ruleId;

    /** The meeting the commander set for the war room, if any. */
    @Column(name = "bridge_url")
    public String bridgeUrl;

    /** The sequence number of the incident's latest timeline entry (0 before the first). */
    @Column(name = "timeline_seq", nullable = false)
    public long timelineSeq;

    /** The hash of the incident's latest timeline entry: the head of its hash chain (null before the first). */
    @Column(name = "timeline_head")
    public String timelineHead;

    public boolean isOpen() {
        return status != Status.RESOLVED;
    }
}
