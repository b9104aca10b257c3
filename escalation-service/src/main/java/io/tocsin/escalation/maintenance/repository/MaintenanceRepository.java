package io.tocsin.escalation.maintenance.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.escalation.maintenance.model.Maintenance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Maintenance windows by id, and the services they cover. The lookup of a covering window runs for every trigger, so
 * it is a prepared statement (commons' Sql) in the caller's transaction.
 */
@ApplicationScoped
public class MaintenanceRepository implements PanacheRepositoryBase<Maintenance, String> {

    private final Sql sql;

    public MaintenanceRepository(Sql sql) {
        this.sql = sql;
    }

    /** The id of an active maintenance window covering {@code service}, or null. */
    public Uni<String> activeFor(String service) {
        return sql.select("""
                        select m.maintenance_id from maintenance m
                        join maintenance_service ms on ms.maintenance_id = m.maintenance_id
                        where ms.service = $1 and not m.ended order by m.maintenance_id limit 1""", service)
                .map(rows -> rows.isEmpty() ? null : (String) rows.get(0)[0]);
    }

    public Uni<Void> addService(String maintenanceId, String service) {
        return sql.update("insert into maintenance_service (maintenance_id, service) values ($1, $2) on conflict do nothing",
                maintenanceId, service).replaceWithVoid();
    }
}
