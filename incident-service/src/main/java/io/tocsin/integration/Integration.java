package io.tocsin.integration;

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
}
