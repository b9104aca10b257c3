package io.tocsin.incident;

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

    /** The hash of the entry before (null for the first): the link of the chain. */
    @Column(name = "previous_hash")
    public String previousHash;

    /** SHA-256 of this entry's canonical content, previous hash included ({@code TimelineChain}). */
    @Column(nullable = false)
    public String hash;

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
