package io.tocsin.escalation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tocsin.escalation.Escalation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Escalation state by incident id. */
@ApplicationScoped
public class EscalationRepository implements PanacheRepositoryBase<Escalation, UUID> {
}
