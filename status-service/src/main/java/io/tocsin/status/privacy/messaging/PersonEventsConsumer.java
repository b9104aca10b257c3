package io.tocsin.status.privacy.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Topics;
import io.tocsin.status.privacy.ErasureService;
import io.tocsin.status.timeline.messaging.EventReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.person-events}: a PersonErased makes the timelines forget the person. Acknowledged after the
 * transaction committed; failures go to the dead-letter topic.
 */
@ApplicationScoped
public class PersonEventsConsumer {

    private final EventReader reader;
    private final ErasureService erasure;

    public PersonEventsConsumer(EventReader reader, ErasureService erasure) {
        this.reader = reader;
        this.erasure = erasure;
    }

    @Incoming(Topics.PERSON_EVENTS)
    @SuppressWarnings("unchecked")
    public Uni<Void> consume(String json) throws IOException {
        return reader.read(json)
                .filter(event -> event.data() instanceof PersonErased)
                .map(event -> erasure.erase((Envelope<PersonErased>) event))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
