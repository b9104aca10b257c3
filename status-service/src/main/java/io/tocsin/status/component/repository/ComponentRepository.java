package io.tocsin.status.component.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.component.model.Component;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Status page components in display order. */
@ApplicationScoped
public class ComponentRepository implements PanacheRepositoryBase<Component, UUID> {

    public Uni<List<Component>> ordered() {
        return list("order by groupName nulls first, position, name");
    }

    public Uni<Component> byService(String service) {
        return find("service", service).firstResult();
    }

    public Uni<List<Component>> byServices(Collection<String> services) {
        return services.isEmpty() ? Uni.createFrom().item(List.of()) : list("service in ?1", services);
    }
}
