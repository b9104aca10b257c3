package io.tocsin.notification.stakeholder.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.model.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stakeholder groups, members, subscriptions and the communication plan. Inserts that may collide with a unique
 * key are native {@code ON CONFLICT DO NOTHING} (a violation would spoil the reactive session) and answer 409.
 */
@ApplicationScoped
public class StakeholderService {

    private final Outbox outbox;

    public StakeholderService(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<StakeholderGroup>> groups() {
        return session().chain(s -> s.createSelectionQuery("from StakeholderGroup order by name", StakeholderGroup.class)
                .getResultList());
    }

    @WithSession
    public Uni<List<Stakeholder>> members() {
        return session().chain(s -> s.createSelectionQuery("from Stakeholder order by email", Stakeholder.class)
                .getResultList());
    }

    @WithSession
    public Uni<StakeholderGroup> group(UUID id) {
        return session().chain(s -> s.find(StakeholderGroup.class, id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + id));
    }

    @WithTransaction
    public Uni<StakeholderGroup> createGroup(String name, String description) {
        StakeholderGroup group = new StakeholderGroup();
        group.id = UUID.randomUUID();
        group.name = name;
        group.description = description;
        group.createdAt = Instant.now();
        return session().chain(s -> s.createNativeQuery("""
                        insert into stakeholder_group (id, name, description, created_at) values (?1, ?2, ?3, now())
                        on conflict do nothing""")
                .setParameter(1, group.id).setParameter(2, name).setParameter(3, description)
                .executeUpdate())
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(Response.Status.CONFLICT, "A group named '" + name + "' exists");
                    }
                    return group;
                });
    }

    /** Deletes a group, its subscriptions and its members, scrubbing their personal data. */
    public Uni<Void> deleteGroup(UUID id) {
        return outbox.transaction(() -> session().chain(s -> s.find(StakeholderGroup.class, id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + id))
                .chain(group -> session().chain(s -> s.createSelectionQuery(
                                "from Stakeholder where groupId = ?1", Stakeholder.class).setParameter(1, id).getResultList()))
                .chain(members -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Stakeholder member : members) {
                        chain = chain.chain(() -> forget(member));
                    }
                    return chain;
                })
                .chain(() -> session().chain(s -> s.createNativeQuery("delete from stakeholder_group where id = ?1")
                        .setParameter(1, id).executeUpdate()))
                .replaceWithVoid());
    }

    @WithTransaction
    public Uni<Stakeholder> addMember(UUID groupId, String name, String email, String language, String timeZone) {
        Stakeholder member = new Stakeholder();
        member.id = UUID.randomUUID();
        member.groupId = groupId;
        member.name = name;
        member.email = email.trim();
        member.language = language;
        member.timeZone = timeZone;
        member.createdAt = Instant.now();
        return session().chain(s -> s.find(StakeholderGroup.class, groupId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + groupId))
                .chain(group -> session().chain(s -> s.createNativeQuery("""
                                insert into stakeholder (id, group_id, name, email, language, time_zone, created_at)
                                values (?1, ?2, ?3, ?4, ?5, ?6, now()) on conflict do nothing""")
                        .setParameter(1, member.id).setParameter(2, groupId).setParameter(3, member.name)
                        .setParameter(4, member.email).setParameter(5, member.language)
                        .setParameter(6, member.timeZone)
                        .executeUpdate()))
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(Response.Status.CONFLICT, member.email + " is already a member");
                    }
                    return member;
                });
    }

    /** Removes a member and their personal data (admin API or their own unsubscribe link). */
    public Uni<Void> removeMember(UUID groupId, UUID memberId) {
        return outbox.transaction(() -> session().chain(s -> s.find(Stakeholder.class, memberId))
                .map(member -> member != null && (groupId == null || member.groupId.equals(groupId)) ? member : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder " + memberId))
                .chain(this::forget));
    }

    @WithSession
    public Uni<Stakeholder> member(UUID memberId) {
        return session().chain(s -> s.find(Stakeholder.class, memberId));
    }

    /**
     * Deletes the member row and, unless the same address is still a member elsewhere, scrubs the address, name and
     * rendered bodies from their stakeholder delivery records (which stay, anonymous, for the statistics). Publishes
     * PersonErased (inside the caller's outbox transaction) so status-service forgets the name in its timelines.
     */
    private Uni<Void> forget(Stakeholder member) {
        return session().chain(s -> s.createNativeQuery("delete from stakeholder where id = ?1")
                        .setParameter(1, member.id).executeUpdate()
                        .chain(() -> s.createNativeQuery("""
                                        update delivery set recipient = 'forgotten:' || id, recipient_name = null,
                                            recipient_id = null, subject = '(removed)', body_text = '', body_html = null,
                                            facts = null,
                                            state = case when state in ('PENDING', 'FAILED', 'HELD', 'WAITING')
                                                then 'DEAD' else state end,
                                            last_error = case when state in ('PENDING', 'FAILED', 'HELD', 'WAITING')
                                                then 'recipient unsubscribed' else last_error end
                                        where audience = 'STAKEHOLDER' and recipient = ?1
                                          and not exists (select 1 from stakeholder where email = ?1)""")
                                .setParameter(1, member.email).executeUpdate()))
                .chain(() -> outbox.append(Envelope.of(new PersonErased(member.id.toString(), PersonErased.Kind.STAKEHOLDER),
                        null, Instant.now())))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<Subscription>> subscriptions() {
        return session().chain(s -> s.createSelectionQuery("from Subscription order by service, groupId", Subscription.class)
                .getResultList());
    }

    @WithTransaction
    public Uni<Subscription> subscribe(UUID groupId, String service, String minPriority) {
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.groupId = groupId;
        subscription.service = service.trim();
        subscription.minPriority = minPriority;
        subscription.createdAt = Instant.now();
        return session().chain(s -> s.find(StakeholderGroup.class, groupId))
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("The request is not valid",
                        List.of("groupId: no stakeholder group " + groupId)))
                .chain(group -> session().chain(s -> s.createNativeQuery("""
                                insert into subscription (id, group_id, service, min_priority, created_at)
                                values (?1, ?2, ?3, ?4, now()) on conflict do nothing""")
                        .setParameter(1, subscription.id).setParameter(2, groupId)
                        .setParameter(3, subscription.service).setParameter(4, minPriority)
                        .executeUpdate()))
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(Response.Status.CONFLICT, "The group already subscribes to " + service);
                    }
                    return subscription;
                });
    }

    @WithTransaction
    public Uni<Void> unsubscribe(UUID id) {
        return session().chain(s -> s.createNativeQuery("delete from subscription where id = ?1").setParameter(1, id)
                        .executeUpdate())
                .invoke(rows -> {
                    if (rows == 0) {
                        throw ProblemException.notFound("Subscription " + id);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<PlanEntry>> plan() {
        return session().chain(s -> s.createSelectionQuery("from PlanEntry order by priority", PlanEntry.class)
                .getResultList());
    }

    @WithTransaction
    public Uni<PlanEntry> updatePlan(String priority, List<PlanEntry.Event> events, List<String> audiences,
                                     Integer cadenceMinutes) {
        return session().chain(s -> s.find(PlanEntry.class, priority))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Priority " + priority))
                .invoke(entry -> {
                    entry.events = Audience.join(events.stream().distinct().map(Enum::name).toList());
                    entry.audiences = Audience.join(audiences == null ? List.of() : audiences.stream().distinct().toList());
                    entry.cadenceMinutes = cadenceMinutes;
                    entry.updatedAt = Instant.now();
                });
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
