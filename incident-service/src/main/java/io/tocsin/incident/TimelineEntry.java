package io.tocsin.incident;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
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

    public static TimelineEntry of(UUID incidentId, Instant at, String kind, String actor, String detail) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incidentId;
        entry.at = at;
        entry.kind = kind;
        entry.actor = actor;
        entry.detail = detail;
        return entry;
    }
}
