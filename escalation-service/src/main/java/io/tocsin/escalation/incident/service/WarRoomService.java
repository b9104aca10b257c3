package io.tocsin.escalation.incident.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.tocsin.escalation.responder.model.Delivery;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.events.Actor;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The war room's news from incident-service (docs/war-room.md). Whoever is given a role is paged once, on each of
 * their immediate contact methods, with the room link and the bridge: the commander as "you are now the incident
 * commander", the others with their role. The commander and the bridge are kept on the escalation: the response-target
 * clock's notices page the commander, and every later page links to the bridge. Runs
 * inside the consumer's batch transaction, which applies each event at most once, like every incident event here.
 */
@ApplicationScoped
public class WarRoomService {

    private final Outbox outbox;
    private final EngineRepository db;
    private final EscalationRepository escalations;
    private final ResponderRepository responders;

    public WarRoomService(Outbox outbox, EngineRepository db, EscalationRepository escalations,
                          ResponderRepository responders) {
        this.outbox = outbox;
        this.db = db;
        this.escalations = escalations;
        this.responders = responders;
    }

    /**
     * Someone was given (or gave up) a role: the new holder is paged, and the escalation {@code e} (locked, in the
     * consumer's transaction) remembers who is in command, for the response-target clock's notices.
     */
    public Uni<Void> onRoleChanged(Envelope<IncidentRoleChanged> event, Escalation e, Instant now) {
        IncidentRoleChanged role = event.data();
        if (role.role() == IncidentRole.COMMANDER) {
            keepCommander(e, event);
        }
        if (role.change() == IncidentRoleChanged.Change.RELEASED || role.holder() == null || role.holder().id() == null) {
            return Uni.createFrom().voidItem();
        }
        return responders.findById(role.holder().id()).chain(responder -> page(event, responder, now));
    }

    /** The newest role event wins, whatever order a replay delivers them in. */
    private static void keepCommander(Escalation e, Envelope<IncidentRoleChanged> event) {
        IncidentRoleChanged role = event.data();
        if (role.holder() == null || (e.commanderAt != null && event.occurredAt().isBefore(e.commanderAt))) {
            return;
        }
        e.commanderAt = event.occurredAt();
        if (role.change() != IncidentRoleChanged.Change.RELEASED) {
            e.commanderId = role.holder().id();
            e.commanderName = role.holder().name();
            e.commanderEmail = role.holder().email();
        } else if (role.holder().id() != null && role.holder().id().equals(e.commanderId)) {
            e.commanderId = null;
            e.commanderName = null;
            e.commanderEmail = null;
        }
    }

    public Uni<Void> onBridgeChanged(Envelope<IncidentBridgeChanged> event) {
        return escalations.lockById(event.incidentId()).chain(escalation -> {
            if (escalation == null) {
                // Never triggered here (a replay out of order): the trigger will be paged without it.
                return Uni.createFrom().voidItem();
            }
            escalation.bridgeUrl = event.data().bridgeUrl();
            return db.now().chain(now -> db.log(event.incidentId(), now, null, null, "BRIDGE",
                    event.data().bridgeUrl() == null ? "Bridge removed" : "Bridge: " + event.data().bridgeUrl()));
        });
    }

    private Uni<Void> page(Envelope<IncidentRoleChanged> event, Responder responder, Instant now) {
        IncidentRoleChanged role = event.data();
        Actor holder = role.holder();
        Recipient recipient;
        List<ContactMethod> contacts;
        if (responder != null) {
            recipient = responder.recipient();
            List<Delivery> deliveries = responder.deliveries();
            List<ContactMethod> immediate = deliveries.stream().filter(d -> d.delaySeconds() == 0)
                    .map(Delivery::contact).toList();
            // A role is news now: the contact methods a responder is reached on at once, else all of them.
            contacts = !immediate.isEmpty() ? immediate
                    : deliveries.stream().map(Delivery::contact).distinct().toList();
        } else if (holder.email() != null && !holder.email().isBlank()) {
            recipient = new Recipient(holder.id(), holder.name(), holder.email(), null, null);
            contacts = List.of(ContactMethod.email(holder.email()));
        } else {
            return db.log(event.incidentId(), now, null, null, "ROLE", label(holder) + " was made " + name(role.role())
                    + " but is no responder here and has no e-mail address: nobody told");
        }
        List<Link> links = new ArrayList<>();
        if (role.roomUrl() != null) {
            links.add(new Link(role.roomUrl(), "Open the incident room"));
        }
        if (role.bridgeUrl() != null) {
            links.add(new Link(role.bridgeUrl(), "Join the bridge"));
        }
        String reason = "You are now the " + (role.role() == IncidentRole.COMMANDER ? "incident commander"
                : name(role.role())) + " of this incident"
                + (role.actor() != null && !holder.id().equals(role.actor().id()) ? ", named by " + label(role.actor()) : "");
        Instant respondBy = role.respondBy() != null ? role.respondBy() : now;
        return Multi.createFrom().iterable(contacts)
                .onItem().transformToUniAndConcatenate(contact -> outbox.append(Envelope.of(new NotificationRequested(
                        recipient, contact, role.service(), role.priority(), role.summary(), respondBy, links, 1, 0,
                        reason), event.incidentId(), now)))
                .collect().last()
                .chain(() -> db.log(event.incidentId(), now, null, null, "ROLE", "Paged " + label(holder) + " as "
                        + name(role.role()) + " (" + contacts.size() + " contact method(s))"));
    }

    private static String name(IncidentRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String label(Actor actor) {
        return actor.name() != null && !actor.name().isBlank() ? actor.name() : actor.id();
    }
}
