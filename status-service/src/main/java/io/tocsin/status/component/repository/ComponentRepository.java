package io.tocsin.status.component.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.component.model.Component;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Status page components in display order. */
@ApplicationScoped
public class ComponentRepository implements PanacheRepositoryBase<Component, UUID> {

    /** Adds a component unless its service already has one (a unique index decides, also between replicas). */
    public Uni<Boolean> insertIfNew(UUID id, String service, String name, String group, String description,
                                    int position, Instant createdAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into component (id, service, name, group_name, description, position, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (service) do nothing""")
                .setParameter(1, id)
                .setParameter(2, service)
                .setParameter(3, name)
                .setParameter(4, group)
                .setParameter(5, description)
                .setParameter(6, position)
                .setParameter(7, createdAt.atOffset(ZoneOffset.UTC))
                .executeUpdate()).map(rows -> rows == 1);
    }

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
