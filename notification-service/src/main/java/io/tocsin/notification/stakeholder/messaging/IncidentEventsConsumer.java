package io.tocsin.notification.stakeholder.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Envelope;
import io.tocsin.events.EventType;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.PostmortemPublished;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Topics;
import io.tocsin.notification.delivery.service.DeliverySender;
import io.tocsin.notification.stakeholder.model.PlanEntry.Event;
import io.tocsin.notification.stakeholder.repository.IncidentStateRepository;
import io.tocsin.notification.stakeholder.repository.StatusComponentRepository;
import io.tocsin.notification.stakeholder.service.StakeholderNotifier.Update;
import io.tocsin.notification.stakeholder.service.StakeholderNotifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.incident-events} and {@code tocsin.status-events} in batches (commons' BatchConsumer: one
 * transaction per batch, acknowledged after its commit): keeps the incident read model and tells stakeholders per
 * the communication plan, then wakes the sender once the batch committed. Types this service does not act on are
 * skipped.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    static final String CONSUMER = "notification-service-stakeholders";
    static final BatchConsumer.Channel INCIDENT_EVENTS = new BatchConsumer.Channel(CONSUMER,
            "tocsin.incident-events.notification-dlq", EnumSet.of(EventType.INCIDENT_TRIGGERED,
            EventType.INCIDENT_PRIORITY_CHANGED, EventType.INCIDENT_RESOLVED, EventType.INCIDENT_ACKNOWLEDGED,
            EventType.INCIDENT_ASSIGNED, EventType.INCIDENT_REOPENED, EventType.INCIDENT_ROLE_CHANGED));
    static final BatchConsumer.Channel STATUS_EVENTS = new BatchConsumer.Channel(CONSUMER,
            "tocsin.status-events.notification-dlq", EnumSet.of(EventType.PUBLIC_UPDATE_POSTED,
            EventType.POSTMORTEM_PUBLISHED, EventType.COMPONENT_CHANGED));

    private final BatchConsumer batches;
    private final StakeholderNotifier notifier;
    private final IncidentStateRepository states;
    private final DeliverySender sender;
    private final StatusComponentRepository components;

    public IncidentEventsConsumer(BatchConsumer batches, StakeholderNotifier notifier, IncidentStateRepository states,
                                  DeliverySender sender, StatusComponentRepository components) {
        this.batches = batches;
        this.notifier = notifier;
        this.states = states;
        this.sender = sender;
        this.components = components;
    }

    @Incoming(Topics.INCIDENT_EVENTS)
    public Uni<Void> incidentEvents(ConsumerRecords<String, String> records) {
        return batches.consume(INCIDENT_EVENTS, records, this::apply).invoke(sender::wake);
    }

    @Incoming(Topics.STATUS_EVENTS)
    public Uni<Void> statusEvents(ConsumerRecords<String, String> records) {
        return batches.consume(STATUS_EVENTS, records, this::apply).invoke(sender::wake);
    }

    private Uni<Void> apply(BatchConsumer.Event event) {
        Envelope<?> e = event.envelope();
        EventType type = event.type();
        if (e.incidentId() == null && type != EventType.POSTMORTEM_PUBLISHED && type != EventType.COMPONENT_CHANGED) {
            return Uni.createFrom().voidItem();
        }
        return switch (type) {
            case INCIDENT_TRIGGERED -> {
                IncidentTriggered d = event.as(IncidentTriggered.class).data();
                yield notifier.apply(() -> states.opened(e.incidentId(), d.service(), d.priority(), d.summary(), e.occurredAt())
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.TRIGGERED, d.service(), d.priority(),
                                d.summary(), null, null)));
            }
            case INCIDENT_PRIORITY_CHANGED -> {
                IncidentPriorityChanged d = event.as(IncidentPriorityChanged.class).data();
                String detail = d.previousPriority() + " → " + d.priority() + (d.reason() == null ? "" : ": " + d.reason());
                yield notifier.apply(() -> states.priority(e.incidentId(), d.service(), d.priority(), d.summary(), e.occurredAt())
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.PRIORITY_CHANGED, d.service(),
                                d.priority(), d.summary(), detail, null)));
            }
            case INCIDENT_RESOLVED -> {
                IncidentResolved d = event.as(IncidentResolved.class).data();
                yield notifier.apply(() -> states.resolved(e.incidentId(), d.triggeredAt(), e.occurredAt())
                        .replaceWith(new Update(e.eventId(), e.incidentId(), Event.RESOLVED, d.service(), d.priority(),
                                d.summary(), null, null)));
            }
            case INCIDENT_ACKNOWLEDGED -> {
                IncidentAcknowledged d = event.as(IncidentAcknowledged.class).data();
                yield notifier.apply(() -> states.assignee(e.incidentId(), d.assignee(), "ACKNOWLEDGED")
                        .replaceWith((Update) null));
            }
            case INCIDENT_ASSIGNED -> {
                IncidentAssigned d = event.as(IncidentAssigned.class).data();
                yield notifier.apply(() -> states.assignee(e.incidentId(), d.assignee(), null)
                        .replaceWith((Update) null));
            }
            case INCIDENT_REOPENED -> notifier.apply(() -> states.status(e.incidentId(), "TRIGGERED")
                    .replaceWith((Update) null));
            case PUBLIC_UPDATE_POSTED -> {
                PublicUpdatePosted d = event.as(PublicUpdatePosted.class).data();
                // Public updates carry no priority: the read model knows it (an unknown incident is not told about).
                yield notifier.apply(() -> states.find(e.incidentId()).chain(known -> known == null
                        ? Uni.createFrom().nullItem()
                        : states.publicUpdate(e.incidentId(), e.occurredAt(), d.status(), d.message())
                                .replaceWith(new Update(e.eventId(), e.incidentId(), Event.PUBLIC_UPDATE, known.service(),
                                        known.priority(), known.summary(), null, null))));
            }
            case POSTMORTEM_PUBLISHED -> {
                PostmortemPublished d = event.as(PostmortemPublished.class).data();
                yield notifier.apply(() -> states.postmortem(e.incidentId(), d.url()).replaceWith(new Update(e.eventId(),
                        e.incidentId(), Event.POSTMORTEM_PUBLISHED, d.service(), d.priority(), d.title(), d.summary(),
                        d.url())));
            }
            case INCIDENT_ROLE_CHANGED -> states.role(e.incidentId(), event.as(IncidentRoleChanged.class).data());
            case COMPONENT_CHANGED -> components.changed(event.as(ComponentChanged.class));
            default -> Uni.createFrom().voidItem();
        };
    }
}
