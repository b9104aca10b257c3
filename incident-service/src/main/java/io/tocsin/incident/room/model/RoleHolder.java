package io.tocsin.incident.room.model;

import io.tocsin.events.IncidentRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Someone who holds a role in an incident's response now; how they came to hold it is on the timeline. */
@Entity
@Table(name = "incident_role")
public class RoleHolder {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentRole role;

    /** The person's OIDC subject. */
    @Column(name = "person_id", nullable = false)
    public String personId;

    @Column(name = "person_name")
    public String personName;

    @Column(name = "person_email")
    public String personEmail;

    @Column(nullable = false)
    public Instant since;

    /** Display form of whoever assigned or handed over the role, as on the timeline. */
    @Column(name = "assigned_by", nullable = false)
    public String assignedBy;
}
