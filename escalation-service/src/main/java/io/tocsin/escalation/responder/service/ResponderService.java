package io.tocsin.escalation.responder.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.net.AddressGuard;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.audit.repository.AuditRepository;
import io.tocsin.escalation.responder.model.Responder;
import io.tocsin.escalation.responder.model.ResponderSpec;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.escalation.shared.service.Checks;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Admin CRUD of responders, with the checks Bean Validation cannot make. */
@ApplicationScoped
public class ResponderService {

    private final ResponderRepository responders;
    private final Instance<ResponderReferences> references;
    private final AuditRepository audit;
    private final Outbox outbox;
    private final AddressGuard addresses;

    public ResponderService(ResponderRepository responders, Instance<ResponderReferences> references,
                            AuditRepository audit, Outbox outbox, AddressGuard addresses) {
        this.responders = responders;
        this.references = references;
        this.audit = audit;
        this.outbox = outbox;
        this.addresses = addresses;
    }

    @WithTransaction
    public Uni<ResponderSpec> create(ResponderSpec spec, String actor) {
        validate(spec);
        return responders.findById(spec.id()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(409, "Responder " + spec.id() + " already exists");
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
        return find(id).chain(r -> stillNamed(id).chain(named -> {
            if (named) {
                throw new ProblemException(409, "Responder " + id + " is still used by a policy, schedule or override");
            }
            String name = r.name;
            return responders.delete(r)
                    .call(() -> erase(id, name))
                    .call(() -> audit.record(actor, "responder.deleted", id, null))
                    .call(() -> outbox.append(Envelope.of(
                            new PersonErased(id, PersonErased.Kind.RESPONDER), null, Instant.now())))
                    .replaceWithVoid();
        }));
    }

    /** Whether a policy, schedule or override still names the responder (asked one after another: one session). */
    private Uni<Boolean> stillNamed(String id) {
        return Multi.createFrom().iterable(references)
                .onItem().transformToUniAndConcatenate(reference -> reference.names(id))
                .collect().asList()
                .map(answers -> answers.contains(true));
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
        return new ResponderSpec(r.id, r.name, r.email, r.timeZone, r.locale, r.contactMethods, r.notificationRules);
    }

    private Uni<Responder> find(String id) {
        return responders.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Responder " + id));
    }

    private void apply(Responder r, ResponderSpec spec) {
        r.name = spec.name();
        r.email = spec.email();
        r.timeZone = spec.timeZone();
        r.locale = spec.locale();
        r.contactMethods = List.copyOf(spec.contactMethods());
        r.notificationRules = spec.notificationRules() == null ? List.of() : List.copyOf(spec.notificationRules());
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
