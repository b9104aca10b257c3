package io.tocsin.notification.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Forgets a responder when escalation-service erases them (PersonErased, kind RESPONDER): their one-tap links go,
 * the incident read model no longer names them as assignee, last paged, commander or communications lead, their
 * delivery records keep only what the counts need (no address, name or body), and the stakeholder mails kept here
 * that named them as leading an incident say "Erased person" instead. Deliveries not yet sent to them are given up.
 * Stakeholders are forgotten where they are removed ({@code StakeholderService}), so their erasures need nothing
 * more here.
 */
@ApplicationScoped
public class ErasureService {

    public static final String ERASED = "Erased person";

    private final ObjectMapper json;

    public ErasureService(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The stakeholder mails about one incident (and the burst digests that carried them) that show a name: the name
     * replaced where the text, the HTML (escaped as Qute escapes) and the kept JSON view show it, as a whole name
     * only (patterns from {@link #whole}), so "Eve" leaves "Every" and another person's "O'Neilson" alone.
     */
    private static final String RENAME = """
            update delivery set body_text = regexp_replace(body_text, ?2, ?5, 'g'),
                body_html = regexp_replace(regexp_replace(body_html, ?2, ?5, 'g'), ?3, ?5, 'g'),
                facts = regexp_replace(facts, ?4, ?5, 'g')
            where audience = 'STAKEHOLDER'
              and (incident_id = ?1 or id in (select digest_id from delivery where incident_id = ?1
                                                                              and digest_id is not null))
              and (body_text ~ ?2 or body_html ~ ?3 or facts ~ ?4)""";

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
                        .chain(() -> forgetLead(session, person)));
    }

    /** As commander or communications lead: gone from the read model and from the stakeholder mails that named them. */
    private Uni<Void> forgetLead(Mutiny.Session session, String person) {
        return session.createNativeQuery("""
                        update incident_state set commander_id = null, commander_name = null where commander_id = ?1""")
                .setParameter(1, person).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                update incident_state set comms_lead_id = null, comms_lead_name = null
                                where comms_lead_id = ?1""")
                        .setParameter(1, person).executeUpdate())
                .chain(() -> session.createNativeQuery("select incident_id, name from incident_lead where person_id = ?1",
                        Object[].class).setParameter(1, person).getResultList())
                .chain(led -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object[] row : led) {
                        String name = (String) row[1];
                        chain = chain.chain(() -> session.createNativeQuery(RENAME).setParameter(1, row[0])
                                .setParameter(2, whole(name)).setParameter(3, whole(html(name)))
                                .setParameter(4, whole(json(name)))
                                .setParameter(5, ERASED).executeUpdate().replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> session.createNativeQuery("delete from incident_lead where person_id = ?1")
                        .setParameter(1, person).executeUpdate())
                .replaceWithVoid();
    }

    /**
     * A PostgreSQL pattern for {@code text} as a whole: every character literal, and no letter, digit or underscore
     * right before or after it.
     */
    static String whole(String text) {
        StringBuilder pattern = new StringBuilder("(?<![[:alnum:]_])");
        for (char c : text.toCharArray()) {
            if ("\\.^$|?*+()[]{}".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append("(?![[:alnum:]_])").toString();
    }

    /** The name as Qute's HTML escaping writes it. */
    static String html(String name) {
        return name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The name as it appears inside a JSON string written by Jackson (the kept views are). */
    private String json(String name) {
        try {
            String quoted = json.writeValueAsString(name);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
