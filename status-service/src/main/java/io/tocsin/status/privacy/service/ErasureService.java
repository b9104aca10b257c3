package io.tocsin.status.privacy.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.status.privacy.repository.ErasureRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Forgets a person (PersonErased): in every incident where a line names them (as actor, assignee, paged responder or
 * notified stakeholder, author of a public update, recorded in {@code timeline_person}), the lines and the edited
 * postmortem sections show "Erased person" instead of their name. Idempotent: the second time there is nothing left
 * to find.
 */
@ApplicationScoped
public class ErasureService {

    public static final String ERASED = "Erased person";

    private final ErasureRepository erasure;

    public ErasureService(ErasureRepository erasure) {
        this.erasure = erasure;
    }

    public Uni<Void> erase(Envelope<PersonErased> event) {
        String person = event.data() == null ? null : event.data().personId();
        if (person == null || person.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        // Inside the consumer's batch transaction, which also records the event id (commons' BatchConsumer).
        return erasure.replaceNames(person, ERASED)
                .invoke(lines -> Log.infof("Erased person %s from %d timeline line(s)", person, lines))
                .replaceWithVoid();
    }
}
