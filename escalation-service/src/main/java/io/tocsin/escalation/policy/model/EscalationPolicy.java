package io.tocsin.escalation.policy.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Ordered levels with delays, repeated {@code repeatCount} times, then optionally handed to another policy. */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "repeat_count", nullable = false)
    public int repeatCount;

    /** JSON list of {@link PolicySpec.Level}. */
    @Column(nullable = false)
    public String levels;

    @Column(name = "then_policy_id")
    public UUID thenPolicyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
