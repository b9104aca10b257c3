package io.tocsin.incident.integration.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.integration.model.Integration;
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

    /** Integrations with a secret not written under {@code currentPrefix} (an older key or format), oldest first. */
    public Uni<List<Integration>> withSecretsNotUnder(String currentPrefix, int limit) {
        return find("(secretCiphertext is not null and secretCiphertext not like ?1) "
                + "or (previousSecretCiphertext is not null and previousSecretCiphertext not like ?1) order by createdAt",
                currentPrefix + "%").page(0, limit).list();
    }

    public Uni<List<Integration>> listByName() {
        return list("order by name, createdAt");
    }
}
