package io.tocsin.incident.catalog.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A service in the catalog; its slug is the key every Tocsin service shares (e.g. checkout-api). */
@Entity
@Table(name = "service")
public class ServiceEntry {

    @Id
    public String slug;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
