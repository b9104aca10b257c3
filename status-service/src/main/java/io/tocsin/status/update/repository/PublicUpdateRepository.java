package io.tocsin.status.update.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.update.model.PublicUpdate;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Public updates, newest first. */
@ApplicationScoped
public class PublicUpdateRepository implements PanacheRepositoryBase<PublicUpdate, UUID> {

    public Uni<List<PublicUpdate>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by postedAt desc", incidentId);
    }

    public Uni<List<PublicUpdate>> forIncidents(Collection<UUID> incidentIds) {
        return incidentIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("incidentId in ?1 order by postedAt desc", incidentIds);
    }

    /** Ids of incidents with an update posted since {@code since}. */
    public Uni<List<UUID>> incidentsUpdatedSince(Instant since) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select distinct u.incidentId from PublicUpdate u where u.postedAt >= :since", UUID.class)
                .setParameter("since", since)
                .getResultList());
    }
}
