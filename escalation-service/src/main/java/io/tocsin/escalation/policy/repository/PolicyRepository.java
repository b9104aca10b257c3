package io.tocsin.escalation.policy.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Escalation policies by id. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepositoryBase<EscalationPolicy, UUID> {
}
