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

    /**
     * A page of the items not done whose due date is before {@code today}; of published postmortems only if
     * {@code publishedOnly}.
     */
    public Uni<List<ActionItem>> overdue(LocalDate today, boolean publishedOnly, int offset, int limit) {
        var query = publishedOnly
                ? find("status <> ?1 and dueDate < ?2 and " + PUBLISHED + " order by dueDate, createdAt",
                        ActionItem.Status.DONE, today, Postmortem.Status.PUBLISHED)
                : find("status <> ?1 and dueDate < ?2 order by dueDate, createdAt", ActionItem.Status.DONE, today);
        return query.range(offset, offset + limit - 1).list();
    }

    /** A page of all items; of published postmortems only if {@code publishedOnly}. */
    public Uni<List<ActionItem>> all(boolean publishedOnly, int offset, int limit) {
        var query = publishedOnly
                ? find(PUBLISHED.replace("?3", "?1") + " order by dueDate, createdAt", Postmortem.Status.PUBLISHED)
                : find("order by dueDate, createdAt");
        return query.range(offset, offset + limit - 1).list();
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
