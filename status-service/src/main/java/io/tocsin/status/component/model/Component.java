package io.tocsin.status.component.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A status page component: the public face of one service (by its slug), optionally in a group. */
@Entity
@Table(name = "component")
public class Component {

    @Id
    public UUID id;

    /** The service slug incidents carry (e.g. checkout-api). Never shown publicly. */
    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String name;

    @Column(name = "group_name")
    public String groupName;

    public String description;

    @Column(nullable = false)
    public int position;

    /** An incident commander's override; null when the status is derived from open incidents. */
    @Enumerated(EnumType.STRING)
    @Column(name = "override_status")
    public ComponentStatus overrideStatus;

    @Column(name = "override_reason")
    public String overrideReason;

    /** Who set the override (their token subject, as every audit column). */
    @Column(name = "override_by")
    public String overrideBy;

    @Column(name = "override_at")
    public Instant overrideAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
