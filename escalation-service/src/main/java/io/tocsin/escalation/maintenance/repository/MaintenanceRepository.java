package io.tocsin.escalation.maintenance.repository;

import io.tocsin.escalation.maintenance.model.Maintenance;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Maintenance windows by id. */
@ApplicationScoped
public class MaintenanceRepository implements PanacheRepositoryBase<Maintenance, String> {
}
