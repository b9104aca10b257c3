package io.tocsin.notification.stakeholder.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An audience of stakeholders, e.g. executives or customer-support. */
@Entity
@Table(name = "stakeholder_group")
public class StakeholderGroup {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
