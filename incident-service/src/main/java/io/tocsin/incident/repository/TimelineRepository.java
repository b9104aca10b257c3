package io.tocsin.incident.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.Incident;
import io.tocsin.incident.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The incident timeline, oldest entry first. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by seq", incidentId);
    }

    /** The newest {@code count} entries, newest first. */
    public Uni<List<TimelineEntry>> latest(UUID incidentId, int count) {
        return find("incidentId = ?1 order by seq desc", incidentId).range(0, count - 1).list();
    }

    /**
     * Adds {@code entry} as the incident's next one. The caller holds the incident row locked (every lifecycle
     * transaction does), so numbers are gapless and follow the commit order.
     */
    public Uni<TimelineEntry> append(Incident incident, TimelineEntry entry) {
        entry.seq = ++incident.timelineSeq;
        return persist(entry);
    }
}
