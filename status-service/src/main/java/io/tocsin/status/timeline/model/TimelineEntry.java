package io.tocsin.status.timeline.model;

import io.tocsin.events.PersonRef;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One line of an incident's history, from one event. The structured columns feed the read model's fold
 * ({@link io.tocsin.status.timeline.service.IncidentProjection}); {@code actor} and {@code detail} are for people
 * and are internal: they never reach a public page.
 */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry {

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TimelineKind kind;

    public String actor;

    public String detail;

    /** RESPONDER or STAKEHOLDER for notification lines. */
    public String audience;

    public String service;

    public String priority;

    public String summary;

    @Column(name = "respond_by")
    public Instant respondBy;

    /** Carried by IncidentResolved, so a resolve that arrives before its trigger still knows when it began. */
    @Column(name = "triggered_at")
    public Instant triggeredAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "alert_count")
    public Integer alertCount;

    public String phase;

    /**
     * The people this line names (id and the name it shows), stored beside it in {@code timeline_person} so that an
     * erasure (PersonErased) can replace exactly their names. Never an address.
     */
    @Transient
    public List<PersonRef> people = new ArrayList<>();

    /** Remembers that this line shows {@code name} for person {@code id} (ignored without both). */
    public void names(String id, String name) {
        if (id != null && !id.isBlank() && name != null && !name.isBlank()) {
            people.add(new PersonRef(id, name));
        }
    }
}
