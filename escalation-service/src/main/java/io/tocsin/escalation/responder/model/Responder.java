package io.tocsin.escalation.responder.model;

import io.tocsin.events.ContactMethod;
import io.tocsin.events.Recipient;
import io.tocsin.commons.db.JsonbJdbcType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcType;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** A person who can be paged, keyed by their OIDC subject. Contact methods and rules are jsonb (see ResponderSpec). */
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

    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    @Column(name = "contact_methods", nullable = false)
    public List<ResponderSpec.Contact> contactMethods;

    /** Empty: every contact method at once ({@link #deliveries()}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @JdbcType(JsonbJdbcType.class)
    @Column(name = "notification_rules", nullable = false)
    public List<ResponderSpec.Rule> notificationRules;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The ways to reach this responder, ready for paging: each contact method with its delay. */
    public List<Delivery> deliveries() {
        if (contactMethods.isEmpty()) {
            // Nobody is paged into the void: without contact methods, the responder's own email at once.
            return List.of(new Delivery(ContactMethod.email(email), 0));
        }
        List<ResponderSpec.Rule> rules = !notificationRules.isEmpty() ? notificationRules
                : IntStream.range(0, contactMethods.size()).mapToObj(i -> new ResponderSpec.Rule(i, 0)).toList();
        return rules.stream()
                .filter(rule -> rule.contact() < contactMethods.size())
                .map(rule -> new Delivery(contactMethods.get(rule.contact()).toEvent(), rule.delaySeconds()))
                .toList();
    }

    /** This responder as a page names them. */
    public Recipient recipient() {
        return new Recipient(id, name, email, timeZone, locale);
    }
}
