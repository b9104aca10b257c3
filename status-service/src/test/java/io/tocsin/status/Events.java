package io.tocsin.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestKafka;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes events the way the other services do: schema-checked JSON on their topic, keyed by incident. */
public final class Events {

    public static final Actor INTEGRATION = new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null);
    public static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice Responder", "alice@example.test");

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Events() {
    }

    public static String json(Envelope<?> event) {
        try {
            String json = MAPPER.writeValueAsString(event);
            EventSchemaAssert.assertMatchesSchema(json);
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code event} to its topic; returns the JSON sent so a test can send it again (a duplicate). */
    public static String publish(Envelope<?> event) {
        String json = json(event);
        send(event, json);
        return json;
    }

    /** Sends {@code json} (the JSON of {@code event}) to its topic; returns where it landed. */
    public static RecordMetadata send(Envelope<?> event, String json) {
        String topic = EventType.byName(event.type()).orElseThrow().topic();
        return TestKafka.send(topic, event.incidentId() == null ? null : event.incidentId().toString(), json);
    }
}
