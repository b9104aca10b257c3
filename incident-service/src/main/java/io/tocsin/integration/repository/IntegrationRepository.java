package io.tocsin.integration.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.integration.Integration;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Integrations by id or by the hash of their key. */
@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

    public Uni<Integration> findByKeyHash(String keyHash) {
        return find("keyHash", keyHash).firstResult();
    }

    public Uni<Integration> findByPreviousKeyHash(String keyHash) {
        return find("previousKeyHash", keyHash).firstResult();
    }

    public Uni<List<Integration>> listByName() {
        return list("order by name, createdAt");
    }
}
