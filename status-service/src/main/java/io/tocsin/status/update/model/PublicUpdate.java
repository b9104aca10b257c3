package io.tocsin.status.update.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A public incident update: what the public reads about an incident, nothing else. */
@Entity
@Table(name = "public_update")
public class PublicUpdate {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String message;

    /** Who posted it (their token subject, as every audit column); never rendered on a public page. */
    @Column(nullable = false)
    public String actor;

    @Column(name = "posted_at", nullable = false)
    public Instant postedAt;

    /** "Investigating", for people. */
    public String statusLabel() {
        return status.substring(0, 1).toUpperCase() + status.substring(1);
    }
}
