package io.tocsin.incident.lifecycle.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One line of an incident's history: what happened, when, and who did it. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** 1, 2, 3, … per incident, in commit order: the live stream's event id. */
    @Column(nullable = false)
    public long seq;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String kind;

    /** Display form of the actor, e.g. "integration:Alertmanager" or "user:alice". */
    @Column(nullable = false)
    public String actor;

    public String detail;

    /** The person who acted (their subject), so an erasure finds the lines naming them. */
    @Column(name = "actor_id")
    public String actorId;

    /** The person the line is about (the assignee of an assignment), for the same reason. */
    @Column(name = "subject_id")
    public String subjectId;

    /** The link of the entry before (null for the first). */
    @Column(name = "previous_hash")
    public String previousHash;

    /** SHA-256 of this entry's own content ({@code TimelineChain}). */
    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    /** SHA-256 of the previous link and this entry's content hash: the chain ({@code TimelineChain}). */
    @Column(nullable = false)
    public String hash;

    /** When an erasure replaced personal data in this entry: its hashes stay, its content no longer matches them. */
    @Column(name = "redacted_at")
    public Instant redactedAt;

    public static TimelineEntry of(UUID incidentId, Instant at, String kind, String actor, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incidentId;
        // The database keeps microseconds; so does the entry, so what was written is what is read back.
        entry.at = at.truncatedTo(ChronoUnit.MICROS);
        entry.kind = kind;
        entry.actor = actor;
        entry.detail = detail;
        return entry;
    }
}
