package io.tocsin.notification.action.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.model.ActionLink;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The one-tap links (table action_link), in the caller's session or transaction. */
@ApplicationScoped
public class ActionLinkRepository {

    public Uni<ActionLink> find(UUID id) {
        return Panache.getSession().chain(session -> session.find(ActionLink.class, id));
    }

    public Uni<Void> persist(ActionLink link) {
        return Panache.getSession().chain(session -> session.persist(link));
    }

    /** Marks the link used; 0 rows when another request used it first. */
    public Uni<Integer> useUp(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update action_link set used_at = now() where id = ?1 and used_at is null")
                .setParameter(1, id)
                .executeUpdate());
    }
}
