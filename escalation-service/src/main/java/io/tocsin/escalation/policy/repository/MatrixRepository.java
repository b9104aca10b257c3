package io.tocsin.escalation.policy.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.policy.model.MatrixEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The escalation matrix. */
@ApplicationScoped
public class MatrixRepository implements PanacheRepositoryBase<MatrixEntry, UUID> {

    /** The entry for (service, priority), falling back to the priority's default; null when neither exists. */
    public Uni<MatrixEntry> lookup(String service, String priority) {
        return list("priority = ?1 and (service = ?2 or service is null)", priority, service)
                .map(entries -> entries.stream().filter(e -> e.service != null).findFirst()
                        .orElse(entries.stream().findFirst().orElse(null)));
    }

    public Uni<List<MatrixEntry>> ordered() {
        return list("order by priority, service nulls first");
    }
}
