package io.tocsin.notification.stakeholder.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Priority;
import io.tocsin.notification.action.service.ActionLinks;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.stakeholder.config.StakeholderConfig;
import io.tocsin.notification.stakeholder.model.IncidentFacts;
import io.tocsin.notification.stakeholder.model.PlanEntry.Event;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.repository.IncidentStateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tells stakeholders about an incident event as the communication plan says: the plan for the incident's priority
 * must list the event; then every member of each subscribed (and addressed) group gets one mail, in their language
 * and time zone, through the delivery outbox: what is affected (as the status page names it), the impact and status,
 * what is being done, who leads, when the next update comes and where to follow it; once resolved, how long it
 * lasted and the postmortem. A "new incident" mail waits a short window first (StakeholderBursts), so a burst of
 * incidents becomes one digest. Runs inside the consuming transaction; the sender is woken after it.
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
    private final IncidentStateRepository states;
    private final StakeholderConfig config;
    private final ObjectMapper json;
    private final Map<Language, Template> text;
    private final Map<Language, Template> html;

    public StakeholderNotifier(DeliveryRepository deliveries, ActionLinks links, Audiences audiences,
                               IncidentStateRepository states, StakeholderConfig config, ObjectMapper json,
                               @Location("stakeholder/update-en.txt") Template textEn,
                               @Location("stakeholder/update-en.html") Template htmlEn,
                               @Location("stakeholder/update-de.txt") Template textDe,
                               @Location("stakeholder/update-de.html") Template htmlDe) {
        this.deliveries = deliveries;
        this.links = links;
        this.audiences = audiences;
        this.states = states;
        this.config = config;
        this.json = json;
        this.text = Map.of(Language.EN, textEn, Language.DE, textDe);
        this.html = Map.of(Language.EN, htmlEn, Language.DE, htmlDe);
    }

    /**
     * Applies one event: {@code state} (the incident read model's change, may be a no-op) and the updates it causes,
     * inside the consumer's batch transaction (commons' BatchConsumer de-duplicates the event and wakes nobody: the
     * consumer wakes the sender after the commit).
     */
    public Uni<Void> apply(Supplier<Uni<Update>> state) {
        return state.get().chain(update -> update == null ? Uni.createFrom().voidItem() : queue(update).replaceWithVoid());
    }

    /** The audience comes from the snapshot; only when someone is to be told is the incident's state read. */
    private Uni<Integer> queue(Update update) {
        return audiences.now().chain(snapshot -> {
            List<Stakeholder> members = snapshot.audience(update.event(), update.service(), update.priority());
            if (members.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Uni<IncidentFacts> facts = update.incidentId() == null ? Uni.createFrom().nullItem()
                    : states.facts(update.incidentId());
            return facts.chain(known -> insertAll(update, known, snapshot, members));
        });
    }

    /** One mail per address (the audience has one entry per address, even for people in several groups). */
    private Uni<Integer> insertAll(Update update, IncidentFacts facts, Audiences.Snapshot snapshot,
                                   List<Stakeholder> members) {
        Instant now = Instant.now();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Stakeholder member : members) {
            Delivery delivery = render(update, facts, snapshot, member, now);
            chain = chain.chain(count -> deliveries.insertStakeholder(delivery, update.event() == Event.TRIGGERED)
                    .map(inserted -> count + (inserted ? 1 : 0)));
        }
        return chain;
    }

    private Delivery render(Update update, IncidentFacts facts, Audiences.Snapshot snapshot, Stakeholder member,
                            Instant now) {
        UpdateView view = view(update, facts, snapshot, member, now);
        Language language = MailContent.language(member.language);
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
        delivery.subject = view.subject();
        delivery.bodyText = text.get(language).data("view", view).render();
        delivery.bodyHtml = html.get(language).data("view", view).render();
        delivery.facts = json(view);
        return delivery;
    }

    private UpdateView view(Update update, IncidentFacts facts, Audiences.Snapshot snapshot, Stakeholder member,
                            Instant now) {
        Language language = MailContent.language(member.language);
        boolean de = language == Language.DE;
        PlanEntry plan = snapshot.plans().get(update.priority().name());
        boolean resolved = update.event() == Event.RESOLVED || update.event() == Event.POSTMORTEM_PUBLISHED
                || facts != null && "RESOLVED".equals(facts.status());
        String affected = StakeholderContent.affected(snapshot.componentNames(update.service()), update.service());
        String incidentId = update.incidentId() == null ? "" : update.incidentId().toString();
        boolean incidentPage = facts != null && facts.publicAt() != null;
        String postmortemUrl = update.url() != null ? update.url() : facts == null ? null : facts.postmortemUrl();
        String postmortemNote = resolved && postmortemUrl == null && Audience.planned(plan, Event.POSTMORTEM_PUBLISHED)
                ? (de ? "Wird eine Nachbetrachtung veröffentlicht, erhalten Sie den Link."
                : "When a postmortem is published, you will receive its link.") : null;
        String lasted = !resolved || facts == null ? null : StakeholderContent.lasted(facts.triggeredAt(),
                facts.resolvedAt() != null ? facts.resolvedAt() : now, member.timeZone, language);
        return new UpdateView(language.name().toLowerCase(),
                StakeholderContent.subject(update.event(), update.priority(), affected, update.summary(), language),
                StakeholderContent.headline(update.event(), language), member.name, update.priority().name(),
                update.service(), update.summary(), affected, StakeholderContent.impact(update.priority(), language),
                StakeholderContent.tone(update.priority(), resolved), StakeholderContent.status(facts, resolved, language),
                StakeholderContent.doing(facts, resolved, language), StakeholderContent.lead(facts, language),
                resolved ? null : StakeholderContent.nextUpdate(plan == null ? null : plan.cadenceMinutes,
                        facts == null ? null : facts.lastUpdateAt(), now, member.timeZone, language),
                update.detail(), resolved, lasted,
                StakeholderContent.pageUrl(config.statusPageUrl(), incidentId, incidentPage), incidentPage,
                postmortemUrl, postmortemNote, links.unsubscribeUrl(member.id), incidentId);
    }

    private String json(UpdateView view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stakeholder mail's view cannot be kept", e);
        }
    }
}
