package io.tocsin.escalation.audit.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.audit.model.AuditEntry;
import io.tocsin.escalation.audit.repository.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Reads the audit log. Changes are recorded by the services that make them, through {@link AuditRepository#record},
 * inside the change's own transaction.
 */
@ApplicationScoped
public class AuditService {

    private final AuditRepository audit;

    public AuditService(AuditRepository audit) {
        this.audit = audit;
    }

    /** The latest {@code limit} entries, newest first. */
    @WithSession
    public Uni<List<AuditEntry>> latest(int limit) {
        return audit.latest(limit);
    }
}
