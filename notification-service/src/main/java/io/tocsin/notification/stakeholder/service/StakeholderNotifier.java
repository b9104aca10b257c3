package io.tocsin.notification.stakeholder.service;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Priority;
import io.tocsin.notification.action.service.ActionLinks;
import io.tocsin.notification.delivery.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.page.service.PageContent;
import io.tocsin.notification.stakeholder.PlanEntry;
import io.tocsin.notification.stakeholder.Stakeholder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tells stakeholders about an incident event as the communication plan says: the plan for the incident's priority
 * must list the event; then every member of each subscribed (and addressed) group gets one update, rendered in
 * their language, through the delivery outbox. Runs inside the consuming transaction; the sender is woken after it.
 */
@ApplicationScoped
public class StakeholderNotifier {

    /** One event, as the notifier needs it. */
    public record Update(UUID eventId, UUID incidentId, PlanEntry.Event event, String service, Priority priority,
                         String summary, String detail, String url) {
    }

    private final DeliveryRepository deliveries;
    private final ActionLinks links;
    private final Audiences audiences;
    private final Map<PageContent.Language, Template> text;
    private final Map<PageContent.Language, Template> html;

    public StakeholderNotifier(DeliveryRepository deliveries, ActionLinks links, Audiences audiences,
                               @Location("stakeholder/update-en.txt") Template textEn,
                               @Location("stakeholder/update-en.html") Template htmlEn,
                               @Location("stakeholder/update-de.txt") Template textDe,
                               @Location("stakeholder/update-de.html") Template htmlDe) {
        this.deliveries = deliveries;
        this.links = links;
        this.audiences = audiences;
        this.text = Map.of(PageContent.Language.EN, textEn, PageContent.Language.DE, textDe);
        this.html = Map.of(PageContent.Language.EN, htmlEn, PageContent.Language.DE, htmlDe);
    }

    /**
     * Applies one event: {@code state} (the incident read model's change, may be a no-op) and the updates it causes,
     * inside the consumer's batch transaction (commons' BatchConsumer de-duplicates the event and wakes nobody: the
     * consumer wakes the sender after the commit).
     */
    public Uni<Void> apply(Supplier<Uni<Update>> state) {
        return state.get().chain(update -> update == null ? Uni.createFrom().voidItem() : queue(update).replaceWithVoid());
    }

    private Uni<Integer> queue(Update update) {
        return audiences.now().chain(config -> insertAll(update,
                config.audience(update.event(), update.service(), update.priority())));
    }

    /** One mail per address (the audience has one entry per address, even for people in several groups). */
    private Uni<Integer> insertAll(Update update, List<Stakeholder> members) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Stakeholder member : members) {
            chain = chain.chain(count -> deliveries.insertOnce(render(update, member), false).map(inserted -> count + (inserted ? 1 : 0)));
        }
        return chain;
    }

    private Delivery render(Update update, Stakeholder member) {
        PageContent.Language language = PageContent.language(member.locale);
        String subject = StakeholderContent.subject(update.event(), update.priority(), update.service(), update.summary(), language);
        UpdateView view = new UpdateView(subject, StakeholderContent.headline(update.event(), language), member.name,
                update.priority().name(), update.service(), update.summary(), update.detail(), update.url(),
                links.unsubscribeUrl(member.id), update.incidentId() == null ? "" : update.incidentId().toString());
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        delivery.sourceEventId = update.eventId();
        delivery.incidentId = update.incidentId();
        delivery.audience = Delivery.Audience.STAKEHOLDER.name();
        delivery.template = StakeholderContent.template(update.event());
        delivery.recipient = member.email;
        delivery.recipientId = member.id.toString();
        delivery.recipientName = member.name;
        delivery.contactKind = "EMAIL";
        delivery.subject = subject;
        delivery.bodyText = text.get(language).data("view", view).render();
        delivery.bodyHtml = html.get(language).data("view", view).render();
        return delivery;
    }
}
