package io.tocsin.escalation.policy.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** One cell of the escalation matrix: (service, priority) → policy; a null service is the priority's default. */
@Entity
@Table(name = "escalation_matrix")
public class MatrixEntry {

    @Id
    public UUID id;

    public String service;

    @Column(nullable = false)
    public String priority;

    @Column(name = "policy_id", nullable = false)
    public UUID policyId;
}
