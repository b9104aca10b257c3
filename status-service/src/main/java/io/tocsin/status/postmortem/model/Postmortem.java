package io.tocsin.status.postmortem.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * The postmortem of one incident. The timeline and the stakeholder communication log stay null until someone
 * edits them: until then they are prefilled live from the read model, so events that arrive late still appear.
 */
@Entity
@Table(name = "postmortem")
public class Postmortem {

    public enum Status { DRAFT, IN_REVIEW, PUBLISHED }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public String title;

    public String service;

    public String priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "root_cause")
    public String rootCause;

    @Column(name = "contributing_factors")
    public String contributingFactors;

    @Column(name = "customers_affected")
    public String customersAffected;

    @Column(name = "impact_notes")
    public String impactNotes;

    @Column(name = "timeline_md")
    public String timelineMd;

    @Column(name = "improvement_actions")
    public String improvementActions;

    @Column(name = "communication_log_md")
    public String communicationLogMd;

    @Column(name = "documentation_updates")
    public String documentationUpdates;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Who last changed it (their token subject, as every audit column); likewise {@link #publishedBy}. */
    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by")
    public String publishedBy;
}
