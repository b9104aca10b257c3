package io.tocsin.incident.catalog.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.catalog.model.ServiceEntry;
import io.tocsin.incident.catalog.repository.ServiceCatalogRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The service catalog: which services exist, under which slug. */
@ApplicationScoped
public class ServiceCatalogService {

    private final ServiceCatalogRepository services;

    public ServiceCatalogService(ServiceCatalogRepository services) {
        this.services = services;
    }

    @WithSession
    public Uni<List<ServiceEntry>> list() {
        return services.listAll(io.quarkus.panache.common.Sort.by("slug"));
    }

    @WithSession
    public Uni<ServiceEntry> get(String slug) {
        return services.findById(slug).onItem().ifNull().failWith(() -> ProblemException.notFound("Service " + slug));
    }

    @WithTransaction
    public Uni<ServiceEntry> create(String slug, String name, String description) {
        return services.findById(slug).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(409, "Service " + slug + " already exists");
            }
            ServiceEntry entry = new ServiceEntry();
            entry.slug = slug;
            entry.name = name;
            entry.description = description;
            entry.createdAt = Instant.now();
            return services.persist(entry);
        });
    }

    @WithTransaction
    public Uni<ServiceEntry> update(String slug, String name, String description) {
        return services.findById(slug)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Service " + slug))
                .invoke(entry -> {
                    entry.name = name;
                    entry.description = description;
                });
    }

    @WithTransaction
    public Uni<Void> delete(String slug) {
        return services.deleteById(slug).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Service " + slug);
            }
        }).replaceWithVoid();
    }
}
