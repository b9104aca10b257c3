package io.tocsin.incident.catalog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tocsin.incident.catalog.model.ServiceEntry;
import jakarta.enterprise.context.ApplicationScoped;

/** The service catalog by slug. */
@ApplicationScoped
public class ServiceCatalogRepository implements PanacheRepositoryBase<ServiceEntry, String> {
}
