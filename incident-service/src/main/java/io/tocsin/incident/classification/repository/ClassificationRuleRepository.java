package io.tocsin.incident.classification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.classification.model.ClassificationRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Classification rules in the order they are tried. */
@ApplicationScoped
public class ClassificationRuleRepository implements PanacheRepositoryBase<ClassificationRule, UUID> {

    public Uni<List<ClassificationRule>> inOrder() {
        return list("order by position, createdAt");
    }

    public Uni<List<ClassificationRule>> enabledInOrder() {
        return list("enabled = true order by position, createdAt");
    }

    public Uni<Integer> nextPosition() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select coalesce(max(r.position), 0) + 10 from ClassificationRule r", Integer.class).getSingleResult());
    }
}
