package io.tocsin.status.timeline.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tocsin.events.Actor;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationLevelSkipped;
import io.tocsin.events.EscalationMuted;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.EventType;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentPhaseChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.NotificationFailed;
import io.tocsin.events.Recipient;
import io.tocsin.events.ResponseTargetAtRisk;
import io.tocsin.events.ResponseTargetBreached;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads an event from its JSON: the envelope first, then {@code data} as the record its type names. Unknown types
 * (a newer producer) are empty so consumers skip them; malformed JSON throws, which sends the message to the
 * channel's dead-letter topic.
 */
@ApplicationScoped
@RegisterForReflection(targets = {Envelope.class, IncidentTriggered.class, AlertAppended.class,
        IncidentAcknowledged.class, IncidentResolved.class, IncidentReopened.class, IncidentSnoozed.class,
        IncidentPriorityChanged.class, IncidentPhaseChanged.class, IncidentAssigned.class, IncidentNoteAdded.class,
        EscalationStepReached.class, EscalationLevelSkipped.class, EscalationMuted.class, ResponseTargetAtRisk.class,
        ResponseTargetBreached.class, NotificationDelivered.class, NotificationFailed.class, Actor.class,
        Recipient.class, ContactMethod.class, Link.class})
public class EventReader {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public EventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Optional<Envelope<?>> read(String json) throws IOException {
        Envelope<JsonNode> event = mapper.readValue(json, ENVELOPE);
        Optional<EventType> type = EventType.byName(event.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Object data = mapper.treeToValue(event.data(), type.get().dataClass());
        return Optional.of(new Envelope<>(event.eventId(), event.type(), event.version(), event.occurredAt(),
                event.incidentId(), data));
    }
}
