package io.tocsin.notification.stakeholder.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.model.Stakeholder;
import io.tocsin.notification.stakeholder.model.StakeholderGroup;
import io.tocsin.notification.stakeholder.model.Subscription;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Who hears about incidents: stakeholder groups, their members, subscriptions and the communication plan, in the
 * caller's session or transaction. Inserts that may collide with a unique key are native {@code ON CONFLICT DO
 * NOTHING} (a violation would spoil the reactive session): 0 rows means it exists. Triggers move
 * {@code config_version} on every change to these tables.
 */
@ApplicationScoped
public class StakeholderRepository {

    private final Sql sql;

    public StakeholderRepository(Sql sql) {
        this.sql = sql;
    }

    /** The version of this configuration (and of the status page's component names). */
    public Uni<Long> configVersion() {
        return sql.select("select version from config_version where id = 1")
                .map(rows -> ((Number) rows.get(0)[0]).longValue());
    }

    // Everything, unordered: what the audience snapshot loads.

    public Uni<List<PlanEntry>> allPlans() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from PlanEntry", PlanEntry.class).getResultList());
    }

    public Uni<List<Subscription>> allSubscriptions() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Subscription", Subscription.class)
                .getResultList());
    }

    public Uni<List<StakeholderGroup>> allGroups() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from StakeholderGroup", StakeholderGroup.class)
                .getResultList());
    }

    public Uni<List<Stakeholder>> allMembers() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Stakeholder", Stakeholder.class)
                .getResultList());
    }

    // As the admin API lists them.

    public Uni<List<StakeholderGroup>> groups() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from StakeholderGroup order by name",
                StakeholderGroup.class).getResultList());
    }

    public Uni<List<Stakeholder>> members() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Stakeholder order by email", Stakeholder.class)
                .getResultList());
    }

    public Uni<List<Stakeholder>> membersOf(UUID groupId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Stakeholder where groupId = ?1",
                Stakeholder.class).setParameter(1, groupId).getResultList());
    }

    public Uni<List<Subscription>> subscriptions() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Subscription order by service, groupId",
                Subscription.class).getResultList());
    }

    public Uni<List<PlanEntry>> plan() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from PlanEntry order by priority", PlanEntry.class)
                .getResultList());
    }

    public Uni<StakeholderGroup> group(UUID id) {
        return Panache.getSession().chain(s -> s.find(StakeholderGroup.class, id));
    }

    public Uni<Stakeholder> member(UUID id) {
        return Panache.getSession().chain(s -> s.find(Stakeholder.class, id));
    }

    /** The plan entry, managed: changes to it are written when the transaction commits. */
    public Uni<PlanEntry> planEntry(String priority) {
        return Panache.getSession().chain(s -> s.find(PlanEntry.class, priority));
    }

    /** 0 when a group of that name exists. */
    public Uni<Integer> insertGroup(StakeholderGroup group) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into stakeholder_group (id, name, description, created_at) values (?1, ?2, ?3, now())
                        on conflict do nothing""")
                .setParameter(1, group.id).setParameter(2, group.name).setParameter(3, group.description)
                .executeUpdate());
    }

    public Uni<Integer> deleteGroup(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from stakeholder_group where id = ?1")
                .setParameter(1, id).executeUpdate());
    }

    /** 0 when the address is already a member of the group. */
    public Uni<Integer> insertMember(Stakeholder member) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into stakeholder (id, group_id, name, email, language, time_zone, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, now()) on conflict do nothing""")
                .setParameter(1, member.id).setParameter(2, member.groupId).setParameter(3, member.name)
                .setParameter(4, member.email).setParameter(5, member.language)
                .setParameter(6, member.timeZone)
                .executeUpdate());
    }

    public Uni<Integer> deleteMember(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from stakeholder where id = ?1")
                .setParameter(1, id).executeUpdate());
    }

    /** 0 when the group already subscribes to the service. */
    public Uni<Integer> insertSubscription(Subscription subscription) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into subscription (id, group_id, service, min_priority, created_at)
                        values (?1, ?2, ?3, ?4, now()) on conflict do nothing""")
                .setParameter(1, subscription.id).setParameter(2, subscription.groupId)
                .setParameter(3, subscription.service).setParameter(4, subscription.minPriority)
                .executeUpdate());
    }

    public Uni<Integer> deleteSubscription(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from subscription where id = ?1")
                .setParameter(1, id).executeUpdate());
    }
}
