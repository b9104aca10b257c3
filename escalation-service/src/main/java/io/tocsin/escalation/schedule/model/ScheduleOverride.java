package io.tocsin.escalation.schedule.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Someone added to, replacing someone in, or removed from a schedule for a time range. */
@Entity
@Table(name = "schedule_override")
public class ScheduleOverride {

    @Id
    public UUID id;

    @Column(name = "schedule_id", nullable = false)
    public UUID scheduleId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "responder_id", nullable = false)
    public String responderId;

    public String replaces;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
