package io.tocsin.escalation.engine.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.escalation.engine.model.Escalation;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.responder.model.Delivery;
import io.tocsin.escalation.shared.service.Json;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.StakeholderNoticeRequested;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who hears that an incident's response target is at risk or breached (docs/war-room.md): the incident's commander,
 * or with nobody in command the people of the escalation level that paged last, through the normal paging path (one
 * NotificationRequested per immediate contact method); and, for P1 and P2 only, the stakeholders, through a
 * StakeholderNoticeRequested that notification-service turns into mail for the groups its communication plan names
 * (a P3 running late is the responders' business, not news for stakeholders). Runs inside the engine's transaction
 * that moved the clock, so each clock event tells each of them exactly once.
 */
@ApplicationScoped
public class ClockNotices {

    /** One person to tell, and how to reach them at once. */
    private record Person(Recipient recipient, List<ContactMethod> contacts) {
    }

    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final EngineRepository db;
    private final Routing routing;
    private final Resolver resolver;
    private final Json json;

    public ClockNotices(Outbox outbox, EngineRepository db, Routing routing, Resolver resolver, Json json) {
        this.outbox = outbox;
        this.db = db;
        this.routing = routing;
        this.resolver = resolver;
        this.json = json;
    }

    /**
     * Tells the people of the incident, and asks notification-service to tell its stakeholders, that the response
     * target of {@code e} is at risk ({@code percent} used) or breached. A muted incident (a maintenance window) pages
     * nobody: the window's announcement already told them.
     */
    public Uni<Void> tell(Escalation e, StakeholderNoticeRequested.Notice notice, int percent, Instant now) {
        String what = notice == StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK
                ? "Response target at risk: " + percent + " % of the time to acknowledge has passed"
                : "Response target breached: nobody acknowledged in time";
        if (e.mutedBy != null) {
            return db.log(e.incidentId, now, null, null, "NOTICE", what + "; paging is muted, nobody told");
        }
        PersonRef commander = e.commanderId == null ? null : new PersonRef(e.commanderId, e.commanderName);
        return people(e, now).chain(found -> {
            String reason = what + (e.commanderId != null ? "; you are the incident commander"
                    : "; nobody is in command and your escalation level is the current one");
            Uni<Void> pages = Multi.createFrom().iterable(found)
                    .onItem().transformToUniAndConcatenate(p -> Multi.createFrom().iterable(p.contacts())
                            .onItem().transformToUniAndConcatenate(contact -> outbox.append(Envelope.of(
                                    request(e, p.recipient(), contact, reason), e.incidentId, now)))
                            .collect().last())
                    .collect().last().replaceWithVoid();
            String told = found.isEmpty() ? "nobody to page"
                    : "paged " + String.join(", ", found.stream().map(p -> label(p.recipient())).toList())
                    + (e.commanderId != null ? " (commander)" : " (current level)");
            Priority priority = Priority.valueOf(e.priority);
            boolean stakeholders = priority == Priority.P1 || priority == Priority.P2;
            return pages
                    .chain(() -> !stakeholders ? Uni.createFrom().voidItem()
                            : outbox.append(Envelope.of(new StakeholderNoticeRequested(notice, e.service, priority,
                            e.summary, e.respondBy, notice == StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK
                            ? percent : null, commander), e.incidentId, now)).replaceWithVoid())
                    .chain(() -> db.log(e.incidentId, now, null, null, "NOTICE", what + "; " + told
                            + (stakeholders ? "; stakeholders per the communication plan" : "")));
        });
    }

    /** The commander, else the people of the level that paged last (as on call now). */
    private Uni<List<Person>> people(Escalation e, Instant now) {
        return routing.now().chain(routes -> {
            if (e.commanderId != null) {
                Routing.Person responder = routes.person(e.commanderId);
                if (responder != null) {
                    return Uni.createFrom().item(List.of(person(responder)));
                }
                return Uni.createFrom().item(e.commanderEmail == null || e.commanderEmail.isBlank() ? List.of()
                        : List.of(new Person(new Recipient(e.commanderId, e.commanderName, e.commanderEmail, null, null),
                        List.of(ContactMethod.email(e.commanderEmail)))));
            }
            Routing.Policy policy = routes.policy(e.policyId);
            if (policy == null || e.lastStep == null || e.lastStep > policy.levels().size()) {
                return Uni.createFrom().item(List.of());
            }
            PolicySpec.Level level = policy.levels().get(e.lastStep - 1);
            return resolver.resolveIds(level, e.lastLoop == null ? 0 : e.lastLoop, now).map(ids -> ids.stream()
                    .map(routes::person).filter(Objects::nonNull).map(ClockNotices::person).toList());
        });
    }

    /** A responder on the contact methods that reach them at once (else all of them: this is news now). */
    private static Person person(Routing.Person r) {
        List<ContactMethod> immediate = r.deliveries().stream().filter(d -> d.delaySeconds() == 0)
                .map(Delivery::contact).toList();
        return new Person(r.entity().recipient(), !immediate.isEmpty() ? immediate
                : r.deliveries().stream().map(Delivery::contact).distinct().toList());
    }

    private NotificationRequested request(Escalation e, Recipient recipient, ContactMethod contact, String reason) {
        List<Link> links = new ArrayList<>(json.read(e.links, LINKS));
        if (e.bridgeUrl != null) {
            links.add(0, new Link(e.bridgeUrl, "Join the bridge"));
        }
        return new NotificationRequested(recipient, contact, e.service, Priority.valueOf(e.priority), e.summary,
                e.respondBy, links, e.lastStep == null ? 1 : e.lastStep, e.lastLoop == null ? 0 : e.lastLoop, reason);
    }

    private static String label(Recipient r) {
        return r.name() != null && !r.name().isBlank() ? r.name() : r.id();
    }
}
