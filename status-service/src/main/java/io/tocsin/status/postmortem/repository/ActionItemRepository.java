package io.tocsin.status.postmortem.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.postmortem.ActionItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Action items of postmortems. */
@ApplicationScoped
public class ActionItemRepository implements PanacheRepositoryBase<ActionItem, UUID> {

    public Uni<List<ActionItem>> forPostmortem(UUID postmortemId) {
        return list("postmortemId = ?1 order by dueDate, createdAt", postmortemId);
    }

    /** Items not done whose due date is before {@code today}. */
    public Uni<List<ActionItem>> overdue(LocalDate today) {
        return list("status <> ?1 and dueDate < ?2 order by dueDate, createdAt", ActionItem.Status.DONE, today);
    }

    public Uni<List<ActionItem>> all() {
        return list("order by dueDate, createdAt");
    }

    /**
     * Overdue items not yet announced, locked so that only one replica announces each; the caller marks them in
     * the same transaction. The database's clock decides what "today" is (UTC).
     */
    public Uni<List<ActionItem>> claimNewlyOverdue(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select * from action_item
                        where status <> 'DONE' and overdue_notified_at is null
                          and due_date < (now() at time zone 'UTC')::date
                        order by due_date limit ?1 for update skip locked""", ActionItem.class)
                .setParameter(1, limit)
                .getResultList());
    }
}
