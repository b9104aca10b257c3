package io.tocsin.escalation.incident.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.escalation.breach.service.BreachClockService;
import io.tocsin.escalation.incident.service.EscalationService;
import io.tocsin.events.EventType;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.incident-events} in batches (commons' BatchConsumer: one transaction per batch, acknowledged
 * after its commit). The lifecycle events below drive escalation, the role events the war room, the breach events
 * the GDPR clocks; other types are skipped.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final BatchConsumer.Channel CHANNEL = new BatchConsumer.Channel("escalation-service",
            "tocsin.incident-events.escalation-dlq", EnumSet.of(EventType.INCIDENT_TRIGGERED,
            EventType.INCIDENT_ACKNOWLEDGED, EventType.INCIDENT_RESOLVED, EventType.INCIDENT_REOPENED,
            EventType.INCIDENT_SNOOZED, EventType.INCIDENT_PRIORITY_CHANGED, EventType.INCIDENT_ROLE_CHANGED,
            EventType.INCIDENT_BRIDGE_CHANGED, EventType.PERSONAL_DATA_BREACH_MARKED,
            EventType.PERSONAL_DATA_BREACH_UNMARKED, EventType.PERSONAL_DATA_BREACH_DECIDED));

    private final BatchConsumer batches;
    private final EscalationService escalations;
    private final BreachClockService breaches;

    public IncidentEventsConsumer(BatchConsumer batches, EscalationService escalations, BreachClockService breaches) {
        this.batches = batches;
        this.escalations = escalations;
        this.breaches = breaches;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CHANNEL, records, this::apply);
    }

    private Uni<Void> apply(BatchConsumer.Event event) {
        return switch (event.type()) {
            case INCIDENT_TRIGGERED -> escalations.onTriggered(event.as(IncidentTriggered.class));
            case INCIDENT_ACKNOWLEDGED -> escalations.onAcknowledged(event.as(IncidentAcknowledged.class));
            case INCIDENT_RESOLVED -> escalations.onResolved(event.as(IncidentResolved.class));
            case INCIDENT_REOPENED -> escalations.onReopened(event.as(IncidentReopened.class));
            case INCIDENT_SNOOZED -> escalations.onSnoozed(event.as(IncidentSnoozed.class));
            case INCIDENT_PRIORITY_CHANGED -> escalations.onPriorityChanged(event.as(IncidentPriorityChanged.class));
            case INCIDENT_ROLE_CHANGED -> escalations.onRoleChanged(event.as(IncidentRoleChanged.class));
            case INCIDENT_BRIDGE_CHANGED -> escalations.onBridgeChanged(event.as(IncidentBridgeChanged.class));
            case PERSONAL_DATA_BREACH_MARKED -> breaches.onMarked(event.as(PersonalDataBreachMarked.class));
            case PERSONAL_DATA_BREACH_UNMARKED -> breaches.onUnmarked(event.as(PersonalDataBreachUnmarked.class));
            case PERSONAL_DATA_BREACH_DECIDED -> breaches.onDecided(event.as(PersonalDataBreachDecided.class));
            default -> throw new IllegalStateException("Not a type of " + CHANNEL.consumer() + ": " + event.type());
        };
    }
}
