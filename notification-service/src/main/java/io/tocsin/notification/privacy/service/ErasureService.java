package io.tocsin.notification.privacy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.notification.privacy.repository.ErasureRepository;
import jakarta.enterprise.context.ApplicationScoped;

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

    private final ErasureRepository repository;
    private final ObjectMapper json;

    public ErasureService(ErasureRepository repository, ObjectMapper json) {
        this.repository = repository;
        this.json = json;
    }

    public Uni<Void> erase(Envelope<PersonErased> event) {
        PersonErased data = event.data();
        if (data == null || data.personId() == null || data.kind() != PersonErased.Kind.RESPONDER) {
            return Uni.createFrom().voidItem();
        }
        String person = data.personId();
        // Inside the consumer's batch transaction, which also records the event id (commons' BatchConsumer).
        return repository.forgetResponder(person)
                .chain(() -> repository.deleteActionLinks(person))
                .chain(() -> repository.scrubDeliveries(person))
                .invoke(rows -> Log.infof("Erased responder %s: %d delivery record(s) scrubbed", person, rows))
                .chain(() -> forgetLead(person));
    }

    /**
     * As commander or communications lead: gone from the read model and from the stakeholder mails that named them,
     * as a whole name only (patterns from {@link #whole}), so "Eve" leaves "Every" and another person's "O'Neilson"
     * alone; the HTML as Qute escapes it, the kept JSON view as Jackson writes it.
     */
    private Uni<Void> forgetLead(String person) {
        return repository.forgetLead(person)
                .chain(() -> repository.led(person))
                .chain(led -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (ErasureRepository.Led row : led) {
                        chain = chain.chain(() -> repository.rename(row.incidentId(), whole(row.name()),
                                whole(html(row.name())), whole(json(row.name())), ERASED).replaceWithVoid());
                    }
                    return chain;
                })
                .chain(() -> repository.deleteLeads(person))
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
