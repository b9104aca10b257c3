package io.tocsin.incident.privacy.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.events.EventType;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Topics;
import io.tocsin.incident.privacy.service.ErasureService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.person-events} in batches (commons' BatchConsumer): a PersonErased makes this service forget
 * the person, in the batch's transaction. Its own consumer group, so joining it never rebalances the page path.
 */
@ApplicationScoped
public class PersonEventsConsumer {

    static final BatchConsumer.Channel CHANNEL = new BatchConsumer.Channel("incident-service:" + Topics.PERSON_EVENTS,
            "tocsin.person-events.incident-dlq", EnumSet.of(EventType.PERSON_ERASED));

    private final BatchConsumer batches;
    private final ErasureService erasure;

    public PersonEventsConsumer(BatchConsumer batches, ErasureService erasure) {
        this.batches = batches;
        this.erasure = erasure;
    }

    @Incoming(Topics.PERSON_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CHANNEL, records, event -> erasure.erase(event.as(PersonErased.class)));
    }
}
