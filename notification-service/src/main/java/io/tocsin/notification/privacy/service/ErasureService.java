package io.tocsin.notification.privacy.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forgets a responder when escalation-service erases them (PersonErased, kind RESPONDER): their one-tap links go,
 * the incident read model no longer names them as assignee or last paged, and their delivery records keep only what
 * the counts need (no address, name or body). Deliveries not yet sent to them are given up. Stakeholders are
 * forgotten where they are removed ({@code StakeholderService}), so their erasures need nothing more here.
 */
@ApplicationScoped
public class ErasureService {



    public Uni<Void> erase(Envelope<PersonErased> event) {
        PersonErased data = event.data();
        if (data == null || data.personId() == null || data.kind() != PersonErased.Kind.RESPONDER) {
            return Uni.createFrom().voidItem();
        }
        String person = data.personId();
        // Inside the consumer's batch transaction, which also records the event id (commons' BatchConsumer).
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                update incident_state set assignee_name = null, assignee_email = null
                                where assignee_email in (select recipient from delivery where recipient_id = ?1)""")
                        .setParameter(1, person).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        update incident_state set last_responder_name = null, last_responder_email = null
                                        where last_responder_email in (select recipient from delivery where recipient_id = ?1)""")
                                .setParameter(1, person).executeUpdate())
                        .chain(() -> session.createNativeQuery("delete from action_link where recipient_id = ?1")
                                .setParameter(1, person).executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                                        update delivery set state = case when state in ('SENT', 'DEAD', 'DIGESTED')
                                              then state else 'DEAD' end,
                                            last_error = case when state in ('SENT', 'DEAD', 'DIGESTED')
                                              then last_error else 'recipient erased' end,
                                            recipient = 'erased:' || id, recipient_name = null, recipient_id = null,
                                            subject = '(erased)', body_text = '', body_html = null
                                        where recipient_id = ?1""")
                                .setParameter(1, person).executeUpdate())
                        .invoke(rows -> Log.infof("Erased responder %s: %d delivery record(s) scrubbed", person, rows))
                        .replaceWithVoid());
    }
}
