package io.tocsin.escalation.maintenance.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A maintenance window from status-service; its services are in maintenance_service. */
@Entity
@Table(name = "maintenance")
public class Maintenance {

    @Id
    @Column(name = "maintenance_id")
    public String id;

    @Column(nullable = false)
    public String title;

    @Column(name = "ends_at")
    public Instant endsAt;

    @Column(nullable = false)
    public boolean ended;
}
