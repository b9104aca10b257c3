package io.tocsin.escalation.policy.model;

import io.tocsin.commons.db.JsonbJdbcType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
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

    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    @Column(nullable = false)
    public List<PolicySpec.Level> levels;

    @Column(name = "then_policy_id")
    public UUID thenPolicyId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
