package io.tocsin.notification.clock.service;

import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.Envelope;
import io.tocsin.events.StakeholderNoticeRequested;
import io.tocsin.notification.action.service.ActionLinks;
import io.tocsin.notification.clock.config.ClockConfig;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.service.Audience;
import io.tocsin.notification.stakeholder.service.Audiences;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Turns escalation-service's clock requests into mail (docs/war-room.md, docs/security-incidents.md), inside the
 * notification-requests consumer's batch transaction: a response-target notice goes to the stakeholder groups the
 * communication plan addresses for the incident's priority (subscribed to its service); a GDPR clock reminder goes to
 * the members of the configured data-protection group. The requests name people by id only; the addresses are this
 * service's own. One delivery per address and request: a redelivered request adds nothing.
 */
@ApplicationScoped
public class ClockMailService {

    public static final String REMINDER_TEMPLATE = "breach-reminder";

    private final DeliveryRepository deliveries;
    private final ActionLinks links;
    private final Audiences audiences;
    private final ClockConfig config;
    private final Map<Language, Template> noticeText;
    private final Map<Language, Template> noticeHtml;
    private final Map<Language, Template> reminderText;
    private final Map<Language, Template> reminderHtml;

    public ClockMailService(DeliveryRepository deliveries, ActionLinks links, Audiences audiences, ClockConfig config,
                            @Location("clock/notice-en.txt") Template noticeTextEn,
                            @Location("clock/notice-en.html") Template noticeHtmlEn,
                            @Location("clock/notice-de.txt") Template noticeTextDe,
                            @Location("clock/notice-de.html") Template noticeHtmlDe,
                            @Location("clock/breach-reminder-en.txt") Template reminderTextEn,
                            @Location("clock/breach-reminder-en.html") Template reminderHtmlEn,
                            @Location("clock/breach-reminder-de.txt") Template reminderTextDe,
                            @Location("clock/breach-reminder-de.html") Template reminderHtmlDe) {
        this.deliveries = deliveries;
        this.links = links;
        this.audiences = audiences;
        this.config = config;
        this.noticeText = Map.of(Language.EN, noticeTextEn, Language.DE, noticeTextDe);
        this.noticeHtml = Map.of(Language.EN, noticeHtmlEn, Language.DE, noticeHtmlDe);
        this.reminderText = Map.of(Language.EN, reminderTextEn, Language.DE, reminderTextDe);
        this.reminderHtml = Map.of(Language.EN, reminderHtmlEn, Language.DE, reminderHtmlDe);
    }

    /** At risk or breached: the stakeholders the plan addresses for this priority hear it, once each. */
    public Uni<Void> onStakeholderNotice(Envelope<StakeholderNoticeRequested> event) {
        StakeholderNoticeRequested n = event.data();
        if (n == null || n.notice() == null || n.priority() == null || event.incidentId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "StakeholderNoticeRequested " + event.eventId() + " lacks notice, priority or incident"));
        }
        String template = n.notice() == StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK
                ? "response-target-at-risk" : "response-target-breached";
        return audiences.now().chain(config -> insertAll(event.eventId(), event.incidentId(), template,
                planned(config, n), false, member -> {
                    Language language = MailContent.language(member.language);
                    String subject = ClockContent.noticeSubject(n, language);
                    ClockView view = new ClockView(subject, ClockContent.noticeHeadline(n, language), member.name,
                            n.priority().name(), n.service(), n.summary(), ClockContent.noticeDetail(n, language),
                            MailContent.localTime(n.respondBy(), member.timeZone), ClockContent.commander(n.commander(), language),
                            links.unsubscribeUrl(member.id), event.incidentId().toString());
                    return new Rendered(subject, noticeText.get(language).data("view", view).render(),
                            noticeHtml.get(language).data("view", view).render());
                }));
    }

    /** 24, 48, 66 h or overdue: the data-protection group hears it, whatever it subscribes to. */
    public Uni<Void> onBreachReminder(Envelope<BreachReminderRequested> event) {
        BreachReminderRequested r = event.data();
        if (r == null || r.priority() == null || r.deadline() == null || event.incidentId() == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "BreachReminderRequested " + event.eventId() + " lacks priority, deadline or incident"));
        }
        Instant now = Instant.now();
        return audiences.now().chain(snapshot -> {
            List<Stakeholder> members = dataProtection(snapshot);
            if (members.isEmpty()) {
                // Not silent: the clock's reminder reached nobody, and whoever runs Tocsin must fix the group.
                Log.warnf("GDPR reminder for incident %s (%d h) reached nobody: the stakeholder group '%s' "
                                + "(tocsin.breach.data-protection-group) is missing or has no members",
                        event.incidentId(), r.hoursSinceAwareness(), config.dataProtectionGroup());
            }
            return insertAll(event.eventId(), event.incidentId(), REMINDER_TEMPLATE, members, true, member -> {
                Language language = MailContent.language(member.language);
                String subject = ClockContent.reminderSubject(r, language);
                ClockView view = new ClockView(subject, ClockContent.reminderHeadline(r, language), member.name,
                        r.priority().name(), r.service(), r.summary(), ClockContent.reminderDetail(r, now, language),
                        MailContent.localTime(r.deadline(), member.timeZone), ClockContent.commander(r.commander(), language),
                        links.unsubscribeUrl(member.id), event.incidentId().toString());
                return new Rendered(subject, reminderText.get(language).data("view", view).render(),
                        reminderHtml.get(language).data("view", view).render());
            });
        });
    }

    /** The members of every group the plan addresses for the priority and that subscribes to the service. */
    static List<Stakeholder> planned(Audiences.Snapshot config, StakeholderNoticeRequested n) {
        PlanEntry plan = config.plans().get(n.priority().name());
        if (plan == null) {
            return List.of();
        }
        return unique(config.subscriptions().stream()
                .filter(sub -> Audience.covers(sub, n.service(), n.priority()))
                .map(sub -> config.groups().get(sub.groupId))
                .filter(group -> group != null && Audience.addressed(plan, group.name))
                .distinct()
                .flatMap(group -> config.members().getOrDefault(group.id, List.of()).stream())
                .toList());
    }

    private List<Stakeholder> dataProtection(Audiences.Snapshot snapshot) {
        return unique(snapshot.groups().values().stream()
                .filter(group -> group.name.equals(config.dataProtectionGroup()))
                .map((StakeholderGroup group) -> group.id)
                .flatMap(id -> snapshot.members().getOrDefault(id, List.of()).stream())
                .toList());
    }

    /** One entry per address, oldest member first (someone in two groups gets one mail). */
    private static List<Stakeholder> unique(List<Stakeholder> members) {
        Map<String, Stakeholder> byEmail = new LinkedHashMap<>();
        members.stream().sorted(Comparator.comparing((Stakeholder m) -> m.createdAt))
                .forEach(m -> byEmail.putIfAbsent(m.email.toLowerCase(), m));
        return List.copyOf(byEmail.values());
    }

    private record Rendered(String subject, String text, String html) {
    }

    private Uni<Void> insertAll(UUID eventId, UUID incidentId, String template, List<Stakeholder> members,
                                boolean exempt, Function<Stakeholder, Rendered> render) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Stakeholder member : members) {
            chain = chain.chain(() -> {
                Rendered mail = render.apply(member);
                Delivery delivery = new Delivery();
                delivery.id = UUID.randomUUID();
                delivery.sourceEventId = eventId;
                delivery.incidentId = incidentId;
                delivery.audience = Delivery.Audience.STAKEHOLDER.name();
                delivery.template = template;
                delivery.recipient = member.email;
                delivery.recipientId = member.id.toString();
                delivery.recipientName = member.name;
                delivery.contactKind = "EMAIL";
                delivery.subject = mail.subject();
                delivery.bodyText = mail.text();
                delivery.bodyHtml = mail.html();
                return deliveries.insertOnce(delivery, exempt).replaceWithVoid();
            });
        }
        return chain;
    }
}
