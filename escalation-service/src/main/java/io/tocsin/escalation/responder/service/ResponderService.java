package io.tocsin.escalation.responder.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.net.AddressGuard;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.shared.service.Checks;
import io.tocsin.escalation.shared.service.Json;
import io.tocsin.escalation.audit.repository.Audit;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.escalation.responder.model.ResponderSpec;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.escalation.schedule.repository.OverrideRepository;
import io.tocsin.escalation.schedule.repository.ScheduleRepository;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Admin CRUD of responders, with the checks Bean Validation cannot make. */
@ApplicationScoped
public class ResponderService {

    private static final TypeReference<List<ResponderSpec.Contact>> CONTACTS = new TypeReference<>() {
    };
    private static final TypeReference<List<ResponderSpec.Rule>> RULES = new TypeReference<>() {
    };

    private final ResponderRepository responders;
    private final PolicyRepository policies;
    private final ScheduleRepository schedules;
    private final OverrideRepository overrides;
    private final Json json;
    private final Audit audit;
    private final Outbox outbox;
    private final AddressGuard addresses;

    public ResponderService(ResponderRepository responders, PolicyRepository policies, ScheduleRepository schedules,
                            OverrideRepository overrides, Json json, Audit audit, Outbox outbox, AddressGuard addresses) {
        this.audit = audit;
        this.outbox = outbox;
        this.addresses = addresses;
        this.responders = responders;
        this.policies = policies;
        this.schedules = schedules;
        this.overrides = overrides;
        this.json = json;
    }

    @WithTransaction
    public Uni<ResponderSpec> create(ResponderSpec spec, String actor) {
        validate(spec);
        return responders.findById(spec.id()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(Response.Status.CONFLICT, "Responder " + spec.id() + " already exists");
            }
            Responder r = new Responder();
            r.id = spec.id();
            r.createdAt = Instant.now();
            apply(r, spec);
            return responders.persist(r).call(() -> audit.record(actor, "responder.created", r.id, r.name))
                    .map(this::toSpec);
        });
    }

    @WithTransaction
    public Uni<ResponderSpec> update(String id, ResponderSpec spec, String actor) {
        new Checks().check(id.equals(spec.id()), "id: must be the id in the path").throwIfAny();
        validate(spec);
        return find(id).call(r -> {
            apply(r, spec);
            return audit.record(actor, "responder.updated", id, r.name);
        }).map(this::toSpec);
    }

    /**
     * Deletes a responder and erases them: their pages and this service's logs no longer name or reach them, and
     * PersonErased asks every other service to forget them too (in the same transaction, through the outbox).
     */
    public Uni<Void> delete(String id, String actor) {
        return outbox.transaction(() -> deleteAndErase(id, actor));
    }

    private Uni<Void> deleteAndErase(String id, String actor) {
        String quoted = "\"" + id + "\"";
        return find(id).chain(r -> policies.count("levels like ?1", "%" + quoted + "%")
                .chain(inPolicies -> schedules.count("layers like ?1", "%" + quoted + "%")
                        .chain(inSchedules -> overrides.count("responderId = ?1 or replaces = ?1", id)
                                .chain(inOverrides -> {
                                    if (inPolicies + inSchedules + inOverrides > 0) {
                                        throw new ProblemException(Response.Status.CONFLICT, "Responder " + id
                                                + " is still used by a policy, schedule or override");
                                    }
                                    String name = r.name;
                                    return responders.delete(r)
                                            .call(() -> erase(id, name))
                                            .call(() -> audit.record(actor, "responder.deleted", id, null))
                                            .call(() -> outbox.append(Envelope.of(
                                                    new PersonErased(id, PersonErased.Kind.RESPONDER), null, Instant.now())))
                                            .replaceWithVoid();
                                }))));
    }

    /**
     * This service's own traces of a deleted responder: unsent pages go, sent ones and logs lose name and address, and
     * incidents they command no longer name them (clock notices go to the current level instead).
     */
    private Uni<Void> erase(String id, String name) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "delete from page where recipient_id = ?1 and sent_at is null")
                        .setParameter(1, id).executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        update page set recipient_id = 'erased:' || md5(recipient_id),
                                          contact = split_part(contact, ':', 1) || ':erased:' || md5(contact),
                                          recipient = '{"id":"erased","name":"Erased person"}',
                                          contact_method = '{"kind":"' || split_part(contact, ':', 1) || '","address":"erased"}'
                                        where recipient_id = ?1""")
                                .setParameter(1, id).executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                                        update escalation set commander_id = null, commander_name = null,
                                          commander_email = null where commander_id = ?1""")
                                .setParameter(1, id).executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                                        update escalation_log set detail = replace(detail, ?1, 'Erased person')
                                        where strpos(detail, ?1) > 0""")
                                .setParameter(1, name).executeUpdate())
                        .chain(() -> session.createNativeQuery("""
                                        update audit_log set detail = replace(detail, ?1, 'Erased person')
                                        where strpos(detail, ?1) > 0""")
                                .setParameter(1, name).executeUpdate()))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<ResponderSpec> get(String id) {
        return find(id).map(this::toSpec);
    }

    @WithSession
    public Uni<List<ResponderSpec>> list(int offset, int limit) {
        return responders.find("order by name, id").range(offset, offset + limit - 1).list()
                .map(list -> list.stream().map(this::toSpec).toList());
    }

    public ResponderSpec toSpec(Responder r) {
        return new ResponderSpec(r.id, r.name, r.email, r.timeZone, r.locale, json.read(r.contactMethods, CONTACTS),
                json.read(r.notificationRules, RULES));
    }

    /** The contact methods and rules of {@code r}, ready for paging. */
    public List<Delivery> deliveries(Responder r) {
        ResponderSpec spec = toSpec(r);
        if (spec.contactMethods().isEmpty()) {
            // Nobody is paged into the void: without contact methods, the responder's own email at once.
            return List.of(new Delivery(ContactMethod.email(r.email), 0));
        }
        return spec.rulesOrDefault().stream()
                .filter(rule -> rule.contact() < spec.contactMethods().size())
                .map(rule -> new Delivery(spec.contactMethods().get(rule.contact()).toEvent(), rule.delaySeconds()))
                .toList();
    }

    public static Recipient recipient(Responder r) {
        return new Recipient(r.id, r.name, r.email, r.timeZone, r.locale);
    }

    /** One way to reach a responder, after {@code delaySeconds} if still unacknowledged. */
    public record Delivery(ContactMethod contact, long delaySeconds) {
    }

    private Uni<Responder> find(String id) {
        return responders.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Responder " + id));
    }

    private void apply(Responder r, ResponderSpec spec) {
        r.name = spec.name();
        r.email = spec.email();
        r.timeZone = spec.timeZone();
        r.locale = spec.locale();
        r.contactMethods = json.write(spec.contactMethods());
        r.notificationRules = json.write(spec.notificationRules() == null ? List.of() : spec.notificationRules());
        r.updatedAt = Instant.now();
    }

    private void validate(ResponderSpec spec) {
        Checks checks = new Checks().zone("timeZone", spec.timeZone());
        for (int i = 0; i < spec.contactMethods().size(); i++) {
            ResponderSpec.Contact c = spec.contactMethods().get(i);
            String field = "contactMethods[" + i + "].address";
            if (c.kind() == ContactMethod.Kind.EMAIL) {
                checks.check(c.address().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"), field + ": must be an email address");
                checks.check(c.format() == null, "contactMethods[" + i + "].format: only webhooks have a format");
            } else if (!isHttpUrl(c.address())) {
                checks.check(false, field + ": must be an http(s) URL");
            } else {
                // notification-service will call this URL: never into Tocsin's own network (it checks again at send).
                try {
                    addresses.checkUrl(c.address());
                } catch (AddressGuard.Refused refused) {
                    checks.check(false, field + ": not allowed: " + refused.getMessage()
                            + " (webhooks go to public addresses unless tocsin.webhooks.allow lists it)");
                }
            }
        }
        if (spec.notificationRules() != null) {
            for (int i = 0; i < spec.notificationRules().size(); i++) {
                checks.check(spec.notificationRules().get(i).contact() < spec.contactMethods().size(),
                        "notificationRules[" + i + "].contact: no such contact method");
            }
        }
        checks.throwIfAny();
    }

    private static boolean isHttpUrl(String address) {
        try {
            URI uri = URI.create(address);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
