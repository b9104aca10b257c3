package io.tocsin.notification.stakeholder.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A group hears about incidents of a service ('*' = all) at or above a priority (P2 = P1 and P2). */
@Entity
@Table(name = "subscription")
public class Subscription {

    public static final String ALL_SERVICES = "*";

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(nullable = false)
    public String service;

    @Column(name = "min_priority", nullable = false)
    public String minPriority;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
