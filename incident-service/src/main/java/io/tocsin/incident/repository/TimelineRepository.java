package io.tocsin.incident.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The incident timeline, oldest entry first. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
