package io.tocsin.incident.privacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forgets a person when asked (PersonErased): an incident they are assigned to keeps an assignee, but named
 * "Erased person" without id or email, and timeline lines they acted in or were assigned by say the same. Lines
 * written before lines knew whose names they show (issue 16) and free-text notes are not rewritten. A rewritten line
 * is marked redacted, so the timeline's hash chain still verifies and says which lines an erasure changed.
 */
@ApplicationScoped
public class ErasureService {

    public static final String ERASED = "Erased person";


    public Uni<Void> erase(Envelope<PersonErased> event) {
        String person = event.data() == null ? null : event.data().personId();
        if (person == null || person.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        // Inside the consumer's batch transaction, which also records the event id (commons' BatchConsumer).
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                update timeline_entry set actor = 'user:' || ?2, actor_id = null,
                                redacted_at = coalesce(redacted_at, now()) where actor_id = ?1""")
                        .setParameter(1, person).setParameter(2, ERASED).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        update timeline_entry set detail = 'to user:' || ?2, subject_id = null,
                                        redacted_at = coalesce(redacted_at, now())
                                        where subject_id = ?1""")
                                .setParameter(1, person).setParameter(2, ERASED).executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                                        update incident set assignee_id = 'erased', assignee_name = ?2,
                                        assignee_email = null, version = version + 1 where assignee_id = ?1""")
                                .setParameter(1, person).setParameter(2, ERASED).executeUpdate())
                        .invoke(incidents -> Log.infof("Erased person %s: %d incident(s) re-labelled", person, incidents))
                        .replaceWithVoid());
    }
}
