package io.tocsin.escalation.responder.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.responder.model.Responder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;

/** Responders by OIDC subject. */
@ApplicationScoped
public class ResponderRepository implements PanacheRepositoryBase<Responder, String> {

    public Uni<List<Responder>> byIds(Collection<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", List.copyOf(ids));
    }
}
