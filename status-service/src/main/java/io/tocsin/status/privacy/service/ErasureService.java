package io.tocsin.status.privacy.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forgets a person (PersonErased): in every incident where a line names them (as actor, assignee, paged responder or
 * notified stakeholder, recorded in {@code timeline_person}), the lines and the edited postmortem sections show
 * "Erased person" instead of their name. Idempotent: the second time there is nothing left to find.
 */
@ApplicationScoped
public class ErasureService {

    public static final String ERASED = "Erased person";

    /**
     * The names the person appears under, per incident. Every line of those incidents showing the name is rewritten,
     * including lines from before lines knew whom they name (version 1 notification events carried no id).
     */
    private static final String NAMED = """
            with named as (select distinct e.incident_id, p.name from timeline_person p
                           join timeline_entry e on e.event_id = p.event_id
                           where p.person_id = ?1 and p.name is not null and p.name <> '')
            """;


    public Uni<Void> erase(Envelope<PersonErased> event) {
        String person = event.data() == null ? null : event.data().personId();
        if (person == null || person.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        // Inside the consumer's batch transaction, which also records the event id (commons' BatchConsumer).
        return Panache.getSession().chain(session -> session.createNativeQuery(NAMED + """
                                update postmortem pm set
                                    timeline_md = replace(pm.timeline_md, n.name, ?2),
                                    communication_log_md = replace(pm.communication_log_md, n.name, ?2)
                                from named n where pm.incident_id = n.incident_id""")
                        .setParameter(1, person).setParameter(2, ERASED).executeUpdate()
                        .chain(() -> session.createNativeQuery(NAMED + """
                                        update timeline_entry t set detail = replace(t.detail, n.name, ?2),
                                            actor = case when t.actor = n.name then ?2 else t.actor end
                                        from named n
                                        where t.incident_id = n.incident_id
                                          and (strpos(t.detail, n.name) > 0 or t.actor = n.name)""")
                                .setParameter(1, person).setParameter(2, ERASED).executeUpdate())
                        .call(() -> session.createNativeQuery("delete from timeline_person where person_id = ?1")
                                .setParameter(1, person).executeUpdate())
                        .invoke(lines -> Log.infof("Erased person %s from %d timeline line(s)", person, lines))
                        .replaceWithVoid());
    }
}
