package io.tocsin.incident.evidence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One piece of evidence of an incident: a file kept here, or a link with the hash of what it points at. */
@Entity
@Table(name = "evidence")
public class Evidence {

    public enum Kind { FILE, LINK }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String name;

    public String description;

    /** What the uploader said the file is; it is always served as application/octet-stream. */
    @Column(name = "media_type")
    public String mediaType;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    public String url;

    /** Hex SHA-256: computed here for files, given by the adder for links. */
    @Column(nullable = false)
    public String sha256;

    @Column(name = "added_at", nullable = false)
    public Instant addedAt;

    /** Display form of who added it, as on the timeline. */
    @Column(name = "added_by", nullable = false)
    public String addedBy;

    @Column(name = "added_by_id", nullable = false)
    public String addedById;
}
