package io.tocsin.escalation.schedule.model;

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

/** An on-call schedule: layers of rotations in one time zone (layers are jsonb, see ScheduleSpec). */
@Entity
@Table(name = "schedule")
public class Schedule {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    @Column(nullable = false)
    public List<ScheduleSpec.LayerSpec> layers;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
