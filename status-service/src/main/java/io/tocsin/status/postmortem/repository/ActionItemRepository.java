package io.tocsin.status.postmortem.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.postmortem.model.ActionItem;
import io.tocsin.status.postmortem.model.Postmortem;
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

    /** Items not done whose due date is before {@code today}; of published postmortems only if {@code publishedOnly}. */
    public Uni<List<ActionItem>> overdue(LocalDate today, boolean publishedOnly) {
        return publishedOnly
                ? list("status <> ?1 and dueDate < ?2 and " + PUBLISHED + " order by dueDate, createdAt",
                        ActionItem.Status.DONE, today, Postmortem.Status.PUBLISHED)
                : list("status <> ?1 and dueDate < ?2 order by dueDate, createdAt", ActionItem.Status.DONE, today);
    }

    /** Every item; of published postmortems only if {@code publishedOnly}. */
    public Uni<List<ActionItem>> all(boolean publishedOnly) {
        return publishedOnly
                ? list(PUBLISHED.replace("?3", "?1") + " order by dueDate, createdAt", Postmortem.Status.PUBLISHED)
                : list("order by dueDate, createdAt");
    }

    private static final String PUBLISHED = "postmortemId in (select p.id from Postmortem p where p.status = ?3)";

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
