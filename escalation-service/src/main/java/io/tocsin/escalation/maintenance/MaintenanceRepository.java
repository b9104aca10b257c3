package io.tocsin.escalation.maintenance;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Maintenance windows by id. */
@ApplicationScoped
public class MaintenanceRepository implements PanacheRepositoryBase<Maintenance, String> {
}
