package io.tocsin.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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

    @Column(name = "integration_id", nullable = false)
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
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
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
}
