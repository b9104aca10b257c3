package io.tocsin.incident.room.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.room.model.RoleHolder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Current role holders, per incident and per person. */
@ApplicationScoped
public class RoleRepository implements PanacheRepositoryBase<RoleHolder, UUID> {

    public Uni<List<RoleHolder>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by role, since, personId", incidentId);
    }

    public Uni<List<RoleHolder>> forPerson(String personId) {
        return list("personId = ?1", personId);
    }
}
