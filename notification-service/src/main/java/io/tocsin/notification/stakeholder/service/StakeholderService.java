package io.tocsin.notification.stakeholder.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.model.Subscription;
import io.tocsin.notification.stakeholder.repository.StakeholderRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stakeholder groups, members, subscriptions and the communication plan. An insert that collides with a unique key
 * (the repository's {@code ON CONFLICT DO NOTHING}) answers 409.
 */
@ApplicationScoped
public class StakeholderService {

    private final StakeholderRepository repository;
    private final DeliveryRepository deliveries;
    private final Outbox outbox;

    public StakeholderService(StakeholderRepository repository, DeliveryRepository deliveries, Outbox outbox) {
        this.repository = repository;
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    @WithSession
    public Uni<List<StakeholderGroup>> groups() {
        return repository.groups();
    }

    @WithSession
    public Uni<List<Stakeholder>> members() {
        return repository.members();
    }

    @WithSession
    public Uni<StakeholderGroup> group(UUID id) {
        return repository.group(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + id));
    }

    @WithTransaction
    public Uni<StakeholderGroup> createGroup(String name, String description) {
        StakeholderGroup group = new StakeholderGroup();
        group.id = UUID.randomUUID();
        group.name = name;
        group.description = description;
        group.createdAt = Instant.now();
        return repository.insertGroup(group)
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(409, "A group named '" + name + "' exists");
                    }
                    return group;
                });
    }

    /** Deletes a group, its subscriptions and its members, scrubbing their personal data. */
    public Uni<Void> deleteGroup(UUID id) {
        return outbox.transaction(() -> repository.group(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + id))
                .chain(group -> repository.membersOf(id))
                .chain(members -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Stakeholder member : members) {
                        chain = chain.chain(() -> forget(member));
                    }
                    return chain;
                })
                .chain(() -> repository.deleteGroup(id))
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
        return repository.group(groupId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder group " + groupId))
                .chain(group -> repository.insertMember(member))
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(409, member.email + " is already a member");
                    }
                    return member;
                });
    }

    /** Removes a member and their personal data (admin API or their own unsubscribe link). */
    public Uni<Void> removeMember(UUID groupId, UUID memberId) {
        return outbox.transaction(() -> repository.member(memberId)
                .map(member -> member != null && (groupId == null || member.groupId.equals(groupId)) ? member : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Stakeholder " + memberId))
                .chain(this::forget));
    }

    @WithSession
    public Uni<Stakeholder> member(UUID memberId) {
        return repository.member(memberId);
    }

    /**
     * Deletes the member row and, unless the same address is still a member elsewhere, scrubs the address, name and
     * rendered bodies from their stakeholder delivery records (which stay, anonymous, for the statistics). Publishes
     * PersonErased (inside the caller's outbox transaction) so status-service forgets the name in its timelines.
     */
    private Uni<Void> forget(Stakeholder member) {
        return repository.deleteMember(member.id)
                .chain(() -> deliveries.forgetStakeholder(member.email))
                .chain(() -> outbox.append(Envelope.of(new PersonErased(member.id.toString(), PersonErased.Kind.STAKEHOLDER),
                        null, Instant.now())))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<Subscription>> subscriptions() {
        return repository.subscriptions();
    }

    @WithTransaction
    public Uni<Subscription> subscribe(UUID groupId, String service, String minPriority) {
        Subscription subscription = new Subscription();
        subscription.id = UUID.randomUUID();
        subscription.groupId = groupId;
        subscription.service = service.trim();
        subscription.minPriority = minPriority;
        subscription.createdAt = Instant.now();
        return repository.group(groupId)
                .onItem().ifNull().failWith(() -> ProblemException.unprocessable("The request is not valid",
                        List.of("groupId: no stakeholder group " + groupId)))
                .chain(group -> repository.insertSubscription(subscription))
                .map(rows -> {
                    if (rows == 0) {
                        throw new ProblemException(409, "The group already subscribes to " + service);
                    }
                    return subscription;
                });
    }

    @WithTransaction
    public Uni<Void> unsubscribe(UUID id) {
        return repository.deleteSubscription(id)
                .invoke(rows -> {
                    if (rows == 0) {
                        throw ProblemException.notFound("Subscription " + id);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<List<PlanEntry>> plan() {
        return repository.plan();
    }

    @WithTransaction
    public Uni<PlanEntry> updatePlan(String priority, List<PlanEntry.Event> events, List<String> audiences,
                                     Integer cadenceMinutes) {
        return repository.planEntry(priority)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Priority " + priority))
                .invoke(entry -> {
                    entry.events = Audience.join(events.stream().distinct().map(Enum::name).toList());
                    entry.audiences = Audience.join(audiences == null ? List.of() : audiences.stream().distinct().toList());
                    entry.cadenceMinutes = cadenceMinutes;
                    entry.updatedAt = Instant.now();
                });
    }
}
