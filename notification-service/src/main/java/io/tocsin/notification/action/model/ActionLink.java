package io.tocsin.notification.action.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A one-tap action offered in one page to one recipient; used up once incident-service confirmed it. */
@Entity
@Table(name = "action_link")
public class ActionLink {

    public enum Action {
        ACKNOWLEDGE("acknowledge"), RESOLVE("resolve");

        private final String path;

        Action(String path) {
            this.path = path;
        }

        /** The incident-service path segment. */
        public String path() {
            return path;
        }
    }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public String action;

    @Column(name = "recipient_id", nullable = false)
    public String recipientId;

    @Column(name = "recipient_name")
    public String recipientName;

    @Column(name = "recipient_email")
    public String recipientEmail;

    /** The page's subject, shown on the confirm page. */
    @Column(nullable = false)
    public String title;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
