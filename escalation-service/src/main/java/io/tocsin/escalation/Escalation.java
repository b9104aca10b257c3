package io.tocsin.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Escalation state of one incident, keyed by the incident id from incident-service's events. */
@Entity
@Table(name = "escalation")
public class Escalation {

    public enum Status { ACTIVE, ACKNOWLEDGED, RESOLVED }

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String summary;

    @Column(name = "respond_by", nullable = false)
    public Instant respondBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "triggered_at", nullable = false)
    public Instant triggeredAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
