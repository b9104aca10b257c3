package io.tocsin.notification.page.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.notification.action.model.ActionLink;
import io.tocsin.notification.action.service.ActionLinks;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.stakeholder.repository.IncidentStateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * Turns a NotificationRequested into one rendered page in the delivery outbox (with its one-tap links), inside the
 * consumer's batch transaction; the consumer wakes the sender after the commit. A redelivered request finds its
 * (source event, recipient, template) row and adds nothing, so it never sends a second mail.
 */
@ApplicationScoped
public class PageService {

    public static final String TEMPLATE = "page";

    private final DeliveryRepository deliveries;
    private final ActionLinks links;
    private final PageRenderer renderer;
    private final IncidentStateRepository states;

    public PageService(DeliveryRepository deliveries, ActionLinks links, PageRenderer renderer, IncidentStateRepository states) {
        this.deliveries = deliveries;
        this.links = links;
        this.renderer = renderer;
        this.states = states;
    }

    public Uni<Void> onRequested(Envelope<NotificationRequested> event) {
        NotificationRequested request = event.data();
        if (request == null || request.recipient() == null || request.contact() == null
                || request.contact().kind() == null || request.contact().address() == null
                || request.priority() == null || event.incidentId() == null) {
            // Not deliverable at all: fail, so the message lands on the dead-letter topic instead of vanishing.
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "NotificationRequested " + event.eventId() + " lacks recipient, contact, priority or incident"));
        }
        Instant now = Instant.now();
        Recipient recipient = request.recipient();
        String recipientId = recipient.id() != null ? recipient.id() : request.contact().address();
        String subject = MailContent.subject(request.priority(), request.service(), request.summary());
        ActionLinks.NewLink acknowledge = links.create(event.incidentId(), ActionLink.Action.ACKNOWLEDGE, recipientId,
                recipient.name(), recipient.email(), subject, now);
        ActionLinks.NewLink resolve = links.create(event.incidentId(), ActionLink.Action.RESOLVE, recipientId,
                recipient.name(), recipient.email(), subject, now);
        MailContent.Language language = MailContent.language(recipient.locale());
        PageView view = new PageView(subject, recipient.name(), request.priority().name(), request.service(),
                request.summary(), MailContent.timeLeft(now, request.respondBy(), language),
                MailContent.localTime(request.respondBy(), recipient.timeZone()),
                SafeLinks.clickable(request.links()), request.step(), request.loop(),
                request.loop() + 1, request.reason(), acknowledge.url(), resolve.url(), event.incidentId().toString());

        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.sourceEventId = event.eventId();
        delivery.incidentId = event.incidentId();
        delivery.audience = Delivery.Audience.RESPONDER.name();
        delivery.template = TEMPLATE;
        delivery.recipient = request.contact().address();
        delivery.recipientId = recipientId;
        delivery.recipientName = recipient.name();
        delivery.contactKind = request.contact().kind().name();
        delivery.contactFormat = request.contact().kind() == ContactMethod.Kind.WEBHOOK
                ? (request.contact().format() == null ? ContactMethod.Format.GENERIC : request.contact().format()).name() : null;
        delivery.subject = subject;
        if (request.contact().kind() == ContactMethod.Kind.WEBHOOK) {
            delivery.bodyText = WebhookPayloads.page(request.contact().format(), view,
                    request.respondBy() == null ? null : request.respondBy().toString());
        } else {
            // Rendered only for mail: a webhook page carries the view as JSON, not the text and HTML of a mail.
            PageRenderer.Rendered rendered = renderer.render(view, language);
            delivery.bodyText = rendered.text();
            delivery.bodyHtml = rendered.html();
        }

        return deliveries.insertOnce(delivery, request.priority() == Priority.P1).chain(inserted -> {
            if (!inserted) {
                Log.debugf("Page for %s from event %s already in the outbox", delivery.recipientId, event.eventId());
                return Uni.createFrom().voidItem();
            }
            // The last responder paged is who gets update reminders while nobody is assigned.
            return links.persist(acknowledge.link()).chain(() -> links.persist(resolve.link()))
                    .chain(() -> states.paged(event.incidentId(), request.service(), request.priority(),
                            request.summary(), recipient.name(), recipient.email() != null ? recipient.email()
                                    : delivery.contactKind.equals("EMAIL") ? delivery.recipient : null));
        }).replaceWithVoid();
    }
}
