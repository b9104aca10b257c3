package io.tocsin.notification.stakeholder.messaging;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.PostmortemPublished;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Topics;
import io.tocsin.notification.stakeholder.PlanEntry.Event;
import io.tocsin.notification.stakeholder.service.IncidentStates;
import io.tocsin.notification.stakeholder.service.StakeholderNotifier;
import io.tocsin.notification.stakeholder.service.StakeholderNotifier.Update;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;

/**
 * Reads {@code tocsin.incident-events} and {@code tocsin.status-events}: keeps the incident read model and tells
 * stakeholders per the communication plan. Acknowledged after the transaction committed; poison messages go to the
 * dead-letter topic; types this service does not act on are skipped.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    private static final TypeReference<Envelope<JsonNode>> ENVELOPE = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final StakeholderNotifier notifier;
    private final IncidentStates states;

    public IncidentEventsConsumer(ObjectMapper mapper, StakeholderNotifier notifier, IncidentStates states) {
        this.mapper = mapper;
        this.notifier = notifier;
        this.states = states;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvent(String json) throws IOException {
        return apply(mapper.readValue(json, ENVELOPE));
    }

    @Incoming(Topics.STATUS_EVENTS)
    public Uni<Void> statusEvent(String json) throws IOException {
        return apply(mapper.readValue(json, ENVELOPE));
    }

    private Uni<Void> apply(Envelope<JsonNode> e) throws IOException {
        EventType type = EventType.byName(e.type()).orElse(null);
        if (type == null || (e.incidentId() == null && type != EventType.POSTMORTEM_PUBLISHED)) {
            return Uni.createFrom().voidItem();
        }
        return switch (type) {
            case INCIDENT_TRIGGERED -> {
                IncidentTriggered d = mapper.treeToValue(e.data(), IncidentTriggered.class);
                yield notifier.apply(e.eventId(), () -> states.opened(e.incidentId(), d.service(), d.priority(), d.summary(), e.occurredAt())
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.TRIGGERED, d.service(), d.priority(),
                                d.summary(), null, null)));
            }
            case INCIDENT_PRIORITY_CHANGED -> {
                IncidentPriorityChanged d = mapper.treeToValue(e.data(), IncidentPriorityChanged.class);
                String detail = d.previousPriority() + " → " + d.priority() + (d.reason() == null ? "" : ": " + d.reason());
                yield notifier.apply(e.eventId(), () -> states.priority(e.incidentId(), d.service(), d.priority(), d.summary(), e.occurredAt())
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.PRIORITY_CHANGED, d.service(),
                                d.priority(), d.summary(), detail, null)));
            }
            case INCIDENT_RESOLVED -> {
                IncidentResolved d = mapper.treeToValue(e.data(), IncidentResolved.class);
                yield notifier.apply(e.eventId(), () -> states.status(e.incidentId(), "RESOLVED")
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.RESOLVED, d.service(), d.priority(),
                                d.summary(), null, null)));
            }
            case INCIDENT_ACKNOWLEDGED -> {
                IncidentAcknowledged d = mapper.treeToValue(e.data(), IncidentAcknowledged.class);
                yield notifier.apply(e.eventId(), () -> states.assignee(e.incidentId(), d.assignee(), "ACKNOWLEDGED")
                        .replaceWith((Update) null));
            }
            case INCIDENT_ASSIGNED -> {
                IncidentAssigned d = mapper.treeToValue(e.data(), IncidentAssigned.class);
                yield notifier.apply(e.eventId(), () -> states.assignee(e.incidentId(), d.assignee(), null)
                        .replaceWith((Update) null));
            }
            case INCIDENT_REOPENED -> notifier.apply(e.eventId(), () -> states.status(e.incidentId(), "TRIGGERED")
                    .replaceWith((Update) null));
            case PUBLIC_UPDATE_POSTED -> {
                PublicUpdatePosted d = mapper.treeToValue(e.data(), PublicUpdatePosted.class);
                // Public updates carry no priority: the read model knows it (an unknown incident is not told about).
                yield notifier.apply(e.eventId(), () -> states.find(e.incidentId()).chain(known -> known == null
                        ? Uni.createFrom().nullItem()
                        : states.updated(e.incidentId(), e.occurredAt()).replaceWith(new Update(e.eventId(),
                                e.incidentId(), Event.PUBLIC_UPDATE, known.service(), known.priority(), known.summary(),
                                d.status() + ": " + d.message(), null))));
            }
            case POSTMORTEM_PUBLISHED -> {
                PostmortemPublished d = mapper.treeToValue(e.data(), PostmortemPublished.class);
                yield notifier.apply(e.eventId(), () -> Uni.createFrom().item(new Update(e.eventId(), e.incidentId(),
                        Event.POSTMORTEM_PUBLISHED, d.service(), d.priority(), d.title(), d.summary(), d.url())));
            }
            default -> Uni.createFrom().voidItem();
        };
    }
}
