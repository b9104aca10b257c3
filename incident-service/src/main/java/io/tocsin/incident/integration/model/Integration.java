package io.tocsin.incident.integration.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A monitoring system allowed to post alerts, authenticated by its key (stored only as a SHA-256 hash). */
@Entity
@Table(name = "integration")
public class Integration {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(name = "key_hash", nullable = false, unique = true)
    public String keyHash;

    /** The service slug alerts belong to unless the alert names one. */
    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The HMAC signing secret, encrypted (see SecretCipher); null when the integration does not require signatures. */
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;

    /** After a rotation the old key (and secret) stay valid until {@link #previousKeyValidUntil}. */
    @Column(name = "previous_key_hash")
    public String previousKeyHash;

    @Column(name = "previous_key_valid_until")
    public Instant previousKeyValidUntil;

    @Column(name = "previous_secret_ciphertext")
    public String previousSecretCiphertext;

    @Column(name = "rate_limit_per_minute", nullable = false)
    public int rateLimitPerMinute;

    /** Grafana: the header carrying the signature (Grafana's docs and code disagree on its name). */
    @Column(name = "signature_header")
    public String signatureHeader;

    /** Grafana: the header carrying the signing timestamp, when Grafana is configured to send one. */
    @Column(name = "timestamp_header")
    public String timestampHeader;

    /** Alertmanager and Grafana: "group" (one incident per alert group) or "alert" (one per fingerprint). */
    @Column(name = "group_by", nullable = false)
    public String groupBy;

    public boolean previousKeyValid(Instant now) {
        return previousKeyValidUntil != null && previousKeyValidUntil.isAfter(now);
    }
}
