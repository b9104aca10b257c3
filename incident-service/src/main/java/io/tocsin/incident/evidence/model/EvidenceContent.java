package io.tocsin.incident.evidence.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** The bytes of a file, apart from its metadata so lists never load them. */
@Entity
@Table(name = "evidence_content")
public class EvidenceContent {

    @Id
    @Column(name = "evidence_id")
    public UUID evidenceId;

    @Column(nullable = false)
    public byte[] content;
}
