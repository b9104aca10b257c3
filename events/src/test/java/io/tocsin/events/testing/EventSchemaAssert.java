package io.tocsin.events.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tocsin.events.EventType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asserts that a serialized event, exactly as a producer put it on Kafka, matches the JSON Schema of its
 * {@code type}. Every producer's tests call this on the records they read back from the topic.
 */
public final class EventSchemaAssert {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private EventSchemaAssert() {
    }

    /** Fails with every schema violation listed when {@code json} does not match its type's schema. */
    public static void assertMatchesSchema(String json) {
        Set<String> problems = violations(json);
        if (!problems.isEmpty()) {
            throw new AssertionError("Event does not match its schema: " + problems + "\n" + json);
        }
    }

    /** The schema violations of {@code json}; an unknown or missing type is itself a violation. */
    public static Set<String> violations(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            return Set.of("not JSON: " + e.getMessage());
        }
        String typeName = node.path("type").asText("");
        EventType type = EventType.byName(typeName).orElse(null);
        if (type == null) {
            return Set.of("unknown event type '" + typeName + "'");
        }
        return schemaOf(type).validate(node).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static JsonSchema schemaOf(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new AssertionError("No schema on the classpath at " + type.schemaResource());
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
