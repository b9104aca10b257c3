package io.tocsin.incident.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.incident.Incident;
import io.tocsin.incident.TimelineEntry;
import io.tocsin.incident.TimelineChain;
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
     * Adds {@code entry} as the incident's next one, chained to the one before. The caller holds the incident row
     * locked (every lifecycle transaction does), so numbers are gapless, follow the commit order, and the chain's head
     * on the incident row needs no query of its own.
     */
    public Uni<TimelineEntry> append(Incident incident, TimelineEntry entry) {
        entry.seq = ++incident.timelineSeq;
        entry.previousHash = incident.timelineHead;
        entry.contentHash = TimelineChain.contentHash(entry.incidentId, entry.seq, entry.at, entry.kind, entry.actor,
                entry.detail);
        entry.hash = TimelineChain.link(entry.previousHash, entry.contentHash);
        incident.timelineHead = entry.hash;
        return persist(entry);
    }
}
