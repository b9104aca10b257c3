package io.tocsin.status.privacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.ProcessedEvents;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forgets a person (PersonErased): every timeline line that names them (as actor, assignee, paged responder or
 * notified stakeholder, recorded in {@code timeline_person}) and the edited postmortem sections of those incidents
 * show "Erased person" instead of their name. Idempotent: the second time there is nothing left to find.
 */
@ApplicationScoped
public class ErasureService {

    public static final String ERASED = "Erased person";
    static final String CONSUMER = "status-service:person-events";

    private final ProcessedEvents processed;

    public ErasureService(ProcessedEvents processed) {
        this.processed = processed;
    }

    public Uni<Void> erase(Envelope<PersonErased> event) {
        String person = event.data() == null ? null : event.data().personId();
        if (person == null || person.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> processed.firstTime(CONSUMER, event.eventId()).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> session.createNativeQuery("""
                                update postmortem pm set
                                    timeline_md = replace(pm.timeline_md, p.name, ?2),
                                    communication_log_md = replace(pm.communication_log_md, p.name, ?2)
                                from timeline_person p join timeline_entry e on e.event_id = p.event_id
                                where p.person_id = ?1 and pm.incident_id = e.incident_id""")
                        .setParameter(1, person).setParameter(2, ERASED).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        update timeline_entry e set detail = replace(e.detail, p.name, ?2),
                                            actor = case when e.actor = p.name then ?2 else e.actor end
                                        from timeline_person p
                                        where p.event_id = e.event_id and p.person_id = ?1""")
                                .setParameter(1, person).setParameter(2, ERASED).executeUpdate())
                        .call(() -> session.createNativeQuery("delete from timeline_person where person_id = ?1")
                                .setParameter(1, person).executeUpdate())
                        .invoke(lines -> Log.infof("Erased person %s from %d timeline line(s)", person, lines))
                        .replaceWithVoid())));
    }
}
