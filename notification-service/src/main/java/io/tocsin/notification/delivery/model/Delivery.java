package io.tocsin.notification.delivery.model;

import io.quarkus.qute.TemplateData;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification in the delivery outbox: rendered once, sent by {@code DeliverySender}, tracked until SENT or DEAD.
 * States: PENDING (not tried yet), FAILED (a transient failure, tried again at {@link #nextAttemptAt}), SENT, DEAD
 * (permanent failure or out of attempts; {@link #lastError} says why).
 */
@Entity
@Table(name = "delivery")
@TemplateData
public class Delivery {

    public enum State { PENDING, SENT, FAILED, DEAD }

    public enum Audience { RESPONDER, STAKEHOLDER }

    /** The rate limits' digest of held mails (DigestService). */
    public static final String RATE_DIGEST = "digest";

    /** The digest of a burst of new incidents for one stakeholder (StakeholderBursts). */
    public static final String BURST_DIGEST = "stakeholder-digest";

    @Id
    public UUID id;

    @Column(name = "source_event_id", nullable = false)
    public UUID sourceEventId;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public String audience;

    @Column(nullable = false)
    public String template;

    /** The contact address: an email address or a webhook URL. */
    @Column(nullable = false)
    public String recipient;

    @Column(name = "recipient_id")
    public String recipientId;

    @Column(name = "recipient_name")
    public String recipientName;

    @Column(name = "contact_kind", nullable = false)
    public String contactKind;

    @Column(name = "contact_format")
    public String contactFormat;

    @Column(nullable = false)
    public String subject;

    @Column(name = "body_text", nullable = false)
    public String bodyText;

    @Column(name = "body_html")
    public String bodyHtml;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The digest that carried this delivery once the rate limits held it, or a burst of new incidents gathered it. */
    @Column(name = "digest_id")
    public UUID digestId;

    /** A stakeholder mail's view as JSON, for the burst digest that may list it instead (StakeholderBursts). */
    public String facts;

    /** The Message-ID of the mail, derived from the outbox id so a resend after a crash is recognisable. */
    public static String messageId(UUID id) {
        return "<" + id + "@tocsin>";
    }
}
