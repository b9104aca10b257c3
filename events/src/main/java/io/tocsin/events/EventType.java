package io.tocsin.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Tocsin publishes, with its topic, current schema version and data record.
 * An explicit table rather than reflection over names keeps consumers native-image friendly.
 */
public enum EventType {
    INCIDENT_TRIGGERED("IncidentTriggered", 1, Topics.INCIDENT_EVENTS, IncidentTriggered.class),
    INCIDENT_ACKNOWLEDGED("IncidentAcknowledged", 1, Topics.INCIDENT_EVENTS, IncidentAcknowledged.class),
    INCIDENT_RESOLVED("IncidentResolved", 1, Topics.INCIDENT_EVENTS, IncidentResolved.class);

    private final String typeName;
    private final int version;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String typeName, int version, String topic, Class<? extends EventData> dataClass) {
        this.typeName = typeName;
        this.version = version;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String typeName() {
        return typeName;
    }

    public int version() {
        return version;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + typeName + ".schema.json";
    }

    public static EventType of(EventData data) {
        return Arrays.stream(values())
                .filter(t -> t.dataClass == data.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + data.getClass()));
    }

    /** Looks a type up by its wire name; unknown names are empty so consumers can skip newer events. */
    public static Optional<EventType> byName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
