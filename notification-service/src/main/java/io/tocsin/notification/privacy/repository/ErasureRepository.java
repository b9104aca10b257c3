package io.tocsin.notification.privacy.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Where this service keeps a responder: the incident read model, one-tap links, delivery records and the stakeholder
 * mails that named them as leading an incident. Each statement finds them by their id, in the caller's transaction
 * (the PersonErased consumer's batch).
 */
@ApplicationScoped
public class ErasureRepository {

    /**
     * The stakeholder mails about one incident (and the burst digests that carried them) that show a name: the name
     * replaced where the text ({@code ?2}), the HTML ({@code ?3}) and the kept JSON view ({@code ?4}) show it.
     */
    private static final String RENAME = """
            update delivery set body_text = regexp_replace(body_text, ?2, ?5, 'g'),
                body_html = regexp_replace(regexp_replace(body_html, ?2, ?5, 'g'), ?3, ?5, 'g'),
                facts = regexp_replace(facts, ?4, ?5, 'g')
            where audience = 'STAKEHOLDER'
              and (incident_id = ?1 or id in (select digest_id from delivery where incident_id = ?1
                                                                              and digest_id is not null))
              and (body_text ~ ?2 or body_html ~ ?3 or facts ~ ?4)""";

    /** An incident the person led, and the name the mails about it showed. */
    public record Led(UUID incidentId, String name) {
    }

    /** The read model no longer names them as assignee or as the last responder paged. */
    public Uni<Void> forgetResponder(String person) {
        return update("""
                update incident_state set assignee_name = null, assignee_email = null
                where assignee_email in (select recipient from delivery where recipient_id = ?1)""", person)
                .chain(() -> update("""
                        update incident_state set last_responder_name = null, last_responder_email = null
                        where last_responder_email in (select recipient from delivery where recipient_id = ?1)""",
                        person))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteActionLinks(String person) {
        return update("delete from action_link where recipient_id = ?1", person);
    }

    /** Their delivery records keep only what the counts need; what was not sent yet never is. */
    public Uni<Integer> scrubDeliveries(String person) {
        return update("""
                update delivery set state = case when state in ('SENT', 'DEAD', 'DIGESTED')
                      then state else 'DEAD' end,
                    last_error = case when state in ('SENT', 'DEAD', 'DIGESTED')
                      then last_error else 'recipient erased' end,
                    recipient = 'erased:' || id, recipient_name = null, recipient_id = null,
                    subject = '(erased)', body_text = '', body_html = null
                where recipient_id = ?1""", person);
    }

    /** The read model no longer names them as commander or communications lead. */
    public Uni<Void> forgetLead(String person) {
        return update("""
                update incident_state set commander_id = null, commander_name = null where commander_id = ?1""", person)
                .chain(() -> update("""
                        update incident_state set comms_lead_id = null, comms_lead_name = null
                        where comms_lead_id = ?1""", person))
                .replaceWithVoid();
    }

    /** The incidents they led (incident_lead), with the name mails showed. */
    public Uni<List<Led>> led(String person) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select incident_id, name from incident_lead where person_id = ?1", Object[].class)
                .setParameter(1, person).getResultList())
                .map(rows -> rows.stream().map(row -> new Led((UUID) row[0], (String) row[1])).toList());
    }

    /** Replaces the name in the incident's stakeholder mails; the patterns are PostgreSQL regular expressions. */
    public Uni<Integer> rename(UUID incidentId, String textPattern, String htmlPattern, String jsonPattern,
                               String replacement) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RENAME).setParameter(1, incidentId)
                .setParameter(2, textPattern).setParameter(3, htmlPattern).setParameter(4, jsonPattern)
                .setParameter(5, replacement).executeUpdate());
    }

    public Uni<Integer> deleteLeads(String person) {
        return update("delete from incident_lead where person_id = ?1", person);
    }

    private static Uni<Integer> update(String statement, String person) {
        return Panache.getSession().chain(session -> session.createNativeQuery(statement)
                .setParameter(1, person).executeUpdate());
    }
}
