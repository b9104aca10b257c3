package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.IncidentRole;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Who holds which role in an incident's response, as IncidentRoleChanged events tell it. */
@ApplicationScoped
public class RoleHolderRepository {

    /** Records that {@code personId} holds (or no longer holds) {@code role}, unless a newer event said otherwise. */
    public Uni<Void> set(UUID incidentId, IncidentRole role, String personId, boolean held, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into incident_role_holder (incident_id, role, person_id, held, changed_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict (incident_id, role, person_id) do update
                        set held = excluded.held, changed_at = excluded.changed_at
                        where incident_role_holder.changed_at <= excluded.changed_at""")
                .setParameter(1, incidentId).setParameter(2, role.name()).setParameter(3, personId)
                .setParameter(4, held).setParameter(5, at.atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    /** Whether {@code personId} is the incident's commander or communications lead now (in a session of its own). */
    public Uni<Boolean> leadsCommunication(UUID incidentId, String personId) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(*) from incident_role_holder
                        where incident_id = ?1 and person_id = ?2 and held
                          and role in ('COMMANDER', 'COMMUNICATIONS_LEAD')""", Long.class)
                .setParameter(1, incidentId).setParameter(2, personId).getSingleResult())).map(n -> n > 0);
    }
}
