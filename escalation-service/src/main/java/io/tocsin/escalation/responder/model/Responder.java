package io.tocsin.escalation.responder.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A person who can be paged, keyed by their OIDC subject. Contact methods and rules are JSON (see ResponderSpec). */
@Entity
@Table(name = "responder")
public class Responder {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String locale;

    @Column(name = "contact_methods", nullable = false)
    public String contactMethods;

    @Column(name = "notification_rules", nullable = false)
    public String notificationRules;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
