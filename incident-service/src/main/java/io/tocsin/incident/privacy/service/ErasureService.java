package io.tocsin.incident.privacy.service;

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
 * is marked redacted, so the timeline's hash chain still verifies and says which lines an erasure changed. Who
 * marked a personal-data breach or recorded its decision is re-labelled the same way.
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
                        .call(() -> session.createNativeQuery("""
                                        update personal_data_breach set
                                        marked_by = case when marked_by_id = ?1 then 'user:' || ?2 else marked_by end,
                                        unmarked_by = case when unmarked_by_id = ?1 then 'user:' || ?2 else unmarked_by end,
                                        decided_by = case when decided_by_id = ?1 then 'user:' || ?2 else decided_by end,
                                        marked_by_id = nullif(marked_by_id, ?1), unmarked_by_id = nullif(unmarked_by_id, ?1),
                                        decided_by_id = nullif(decided_by_id, ?1)
                                        where ?1 in (marked_by_id, unmarked_by_id, decided_by_id)""")
                                .setParameter(1, person).setParameter(2, ERASED).executeUpdate())
                        .invoke(incidents -> Log.infof("Erased person %s: %d incident(s) re-labelled", person, incidents))
                        .replaceWithVoid());
    }
}
