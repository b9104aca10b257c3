package io.tocsin.status.timeline.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tocsin.events.PersonRef;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.timeline.TimelineEntry;
import io.tocsin.status.timeline.TimelineKind;
import io.tocsin.status.timeline.service.IncidentProjection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Timeline lines by event id; an incident's lines in timeline order. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, UUID> {

    /** All lines of an incident, in the read model's order (time, kind, event id). */
    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1", incidentId)
                .map(list -> list.stream().sorted(IncidentProjection.ORDER).toList());
    }

    /** Stores who {@code entry} names (for erasure), in the caller's transaction after the line itself. */
    public Uni<Void> rememberPeople(TimelineEntry entry) {
        Uni<Void> chain = flush();
        for (PersonRef person : entry.people) {
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                            insert into timeline_person (event_id, person_id, name) values (?1, ?2, ?3)
                            on conflict do nothing""")
                    .setParameter(1, entry.eventId).setParameter(2, person.id()).setParameter(3, person.name())
                    .executeUpdate()).replaceWithVoid());
        }
        return chain;
    }

    /** Lines of the given kinds for an incident, in timeline order. */
    public Uni<List<TimelineEntry>> forIncident(UUID incidentId, Collection<TimelineKind> kinds) {
        return list("incidentId = ?1 and kind in ?2", incidentId, kinds)
                .map(list -> list.stream().sorted(IncidentProjection.ORDER).toList());
    }
}
