package io.tocsin.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tocsin.events.testing.EventSchemaAssert;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSchemaTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Actor alice = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");

    @Test
    void everyEventTypeHasASchema() {
        for (EventType type : EventType.values()) {
            assertNotNull(EventType.class.getResource(type.schemaResource()), type.typeName());
        }
    }

    @Test
    void serializedEventsOfEveryTypeMatchTheirSchemas() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        List<EventData> samples = List.of(
                new IncidentTriggered("checkout-api", Priority.P1, "critical", "error rate 45%", "prometheus",
                        "abc", now.plusSeconds(900), List.of(new Link("https://runbooks.example.test/x", "Runbook")),
                        new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null)),
                new IncidentAcknowledged("checkout-api", Priority.P1, alice),
                new IncidentResolved("checkout-api", Priority.P1, alice));
        assertEquals(EventType.values().length, samples.size(), "a sample per event type");
        for (EventData data : samples) {
            EventSchemaAssert.assertMatchesSchema(mapper.writeValueAsString(Envelope.of(data, incident, now)));
        }
    }

    @Test
    void aMessageMissingARequiredFieldIsRejected() throws Exception {
        var event = Envelope.of(new IncidentAcknowledged("checkout-api", Priority.P2, alice), UUID.randomUUID(), Instant.now());
        String json = mapper.writeValueAsString(event).replace("\"priority\":\"P2\",", "");
        assertFalse(EventSchemaAssert.violations(json).isEmpty());
        assertThrows(AssertionError.class, () -> EventSchemaAssert.assertMatchesSchema(json));
    }

    @Test
    void wrongValuesAndUnknownTypesAreRejected() throws Exception {
        var event = Envelope.of(new IncidentResolved("Checkout API!", Priority.P3, alice), UUID.randomUUID(), Instant.now());
        assertFalse(EventSchemaAssert.violations(mapper.writeValueAsString(event)).isEmpty(), "service slug pattern");
        assertTrue(EventSchemaAssert.violations("{\"type\":\"Nope\"}").contains("unknown event type 'Nope'"));
        assertFalse(EventSchemaAssert.violations("{\"eventId\":\"not-a-uuid\",\"type\":\"IncidentResolved\"}").isEmpty());
    }
}
