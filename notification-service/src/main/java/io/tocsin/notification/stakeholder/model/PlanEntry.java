package io.tocsin.notification.stakeholder.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The communication plan for one priority (table communication_plan). */
@Entity
@Table(name = "communication_plan")
public class PlanEntry {

    /** The events stakeholders can be told about. */
    public enum Event { TRIGGERED, PRIORITY_CHANGED, PUBLIC_UPDATE, RESOLVED, POSTMORTEM_PUBLISHED }

    @Id
    public String priority;

    /** Comma-separated {@link Event} names. */
    @Column(nullable = false)
    public String events;

    /** Comma-separated group names; empty = every subscribed group. */
    @Column(nullable = false)
    public String audiences;

    @Column(name = "cadence_minutes")
    public Integer cadenceMinutes;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
