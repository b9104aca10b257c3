package io.tocsin.escalation.engine.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One thing the engine did for an incident (paged, skipped, muted, …); written by native SQL, read here. */
@Entity
@Table(name = "escalation_log")
public class EscalationLog {

    @Id
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public Instant at;

    public Integer step;

    public Integer loop;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public String detail;
}
