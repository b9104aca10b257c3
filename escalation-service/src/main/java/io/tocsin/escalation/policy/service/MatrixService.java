package io.tocsin.escalation.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.audit.repository.AuditRepository;
import io.tocsin.escalation.policy.model.MatrixEntry;
import io.tocsin.escalation.policy.repository.MatrixRepository;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.shared.service.Checks;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The escalation matrix (service × priority → policy); its dry run is the engine's (engine.service.DryRunService). */
@ApplicationScoped
public class MatrixService {

    public record Entry(@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
                        String service,
                        @NotNull Priority priority,
                        @NotNull UUID policyId) {
    }

    public record Matrix(@NotNull List<@NotNull @Valid Entry> entries) {
    }

    private final MatrixRepository matrix;
    private final PolicyRepository policies;
    private final AuditRepository audit;

    public MatrixService(MatrixRepository matrix, PolicyRepository policies, AuditRepository audit) {
        this.matrix = matrix;
        this.policies = policies;
        this.audit = audit;
    }

    @WithSession
    public Uni<Matrix> get() {
        return matrix.ordered().map(list -> new Matrix(list.stream()
                .map(e -> new Entry(e.service, Priority.valueOf(e.priority), e.policyId)).toList()));
    }

    /** Replaces the whole matrix; every policy must exist and every (service, priority) appear once. */
    @WithTransaction
    public Uni<Matrix> replace(Matrix request, String actor) {
        Checks checks = new Checks();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.entries().size(); i++) {
            Entry e = request.entries().get(i);
            checks.check(keys.add(e.service() + "|" + e.priority()),
                    "entries[" + i + "]: " + (e.service() == null ? "default" : e.service()) + " " + e.priority()
                            + " appears twice");
        }
        checks.throwIfAny();
        List<UUID> ids = request.entries().stream().map(Entry::policyId).distinct().toList();
        return (ids.isEmpty() ? Uni.createFrom().item(0L) : policies.count("id in ?1", ids)).chain(found -> {
            checks.check(found == ids.size(), "entries: unknown escalation policy");
            checks.throwIfAny();
            return matrix.deleteAll();
        }).chain(() -> Multi.createFrom().iterable(request.entries()).onItem().transformToUniAndConcatenate(e -> {
            MatrixEntry row = new MatrixEntry();
            row.id = UUID.randomUUID();
            row.service = e.service();
            row.priority = e.priority().name();
            row.policyId = e.policyId();
            return matrix.persist(row);
        }).collect().asList())
                .call(() -> audit.record(actor, "matrix.replaced", "escalation-matrix",
                        request.entries().size() + " entries"))
                .replaceWith(request);
    }
}
