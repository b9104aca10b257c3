package io.tocsin.status.maintenance.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A scheduled maintenance window for some services. */
@Entity
@Table(name = "maintenance")
public class Maintenance {

    public enum State { SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED }

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    public String description;

    /** Service slugs, comma-separated (slugs contain no commas). */
    @Column(nullable = false)
    public String services;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    /** Who scheduled it (their token subject, as every audit column). */
    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public List<String> serviceList() {
        return Arrays.stream(services.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
