package io.tocsin.notification.stakeholder.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A member of a stakeholder group: all the personal data this service keeps about them. */
@Entity
@Table(name = "stakeholder")
public class Stakeholder {

    @Id
    public UUID id;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    public String name;

    @Column(nullable = false)
    public String email;

    /** {@code en} or {@code de}: the language of their mails. */
    @Column(nullable = false)
    public String language;

    /** Where times in their mails are shown (an IANA zone such as Europe/Berlin); null = UTC. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
