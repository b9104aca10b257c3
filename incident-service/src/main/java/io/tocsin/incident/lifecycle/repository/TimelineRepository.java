package io.tocsin.incident.lifecycle.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.TimelineChain;
import io.tocsin.incident.lifecycle.model.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The incident timeline, oldest entry first. Every entry is written here, chained to the one before (TimelineChain):
 * the caller holds the incident's row locked, so sequence numbers are gapless, follow the commit order, and the
 * chain's head is whatever the locked row says. Entries are inserted as a prepared statement (every alert that opens
 * an incident writes one); reading stays with Panache.
 */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    /** The newest entry of an incident's chain: its sequence number (0 before the first) and its link. */
    public record Head(long seq, String hash) {
    }

    private static final String INSERT = """
            insert into timeline_entry (incident_id, seq, at, kind, actor, detail, actor_id, subject_id, previous_hash,
                                        content_hash, hash)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id""";

    private final Sql sql;

    public TimelineRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<List<TimelineEntry>> forIncident(UUID incidentId) {
        return list("incidentId = ?1 order by seq", incidentId);
    }

    /** The newest {@code count} entries, newest first. */
    public Uni<List<TimelineEntry>> latest(UUID incidentId, int count) {
        return find("incidentId = ?1 order by seq desc", incidentId).range(0, count - 1).list();
    }

    /** Adds {@code entry} after the chain of the locked entity {@code incident}, whose head moves with it. */
    public Uni<TimelineEntry> append(Incident incident, TimelineEntry entry) {
        Head head = chain(new Head(incident.timelineSeq, incident.timelineHead), entry);
        incident.timelineSeq = head.seq();
        incident.timelineHead = head.hash();
        return insert(entry);
    }

    /**
     * Adds {@code entry} after {@code head} (read from the locked row by the caller, who writes the returned head
     * back to the incident's row).
     */
    public Uni<Head> append(Head head, TimelineEntry entry) {
        Head next = chain(head, entry);
        return insert(entry).replaceWith(next);
    }

    /** Fills in the entry's place in the chain after {@code head}; the new head. Pure. */
    public static Head chain(Head head, TimelineEntry entry) {
        entry.seq = head.seq() + 1;
        entry.previousHash = head.hash();
        entry.contentHash = TimelineChain.contentHash(entry.incidentId, entry.seq, entry.at, entry.kind, entry.actor,
                entry.detail);
        entry.hash = TimelineChain.link(entry.previousHash, entry.contentHash);
        return new Head(entry.seq, entry.hash);
    }

    private Uni<TimelineEntry> insert(TimelineEntry e) {
        return sql.select(INSERT, e.incidentId, e.seq, e.at.atOffset(ZoneOffset.UTC), e.kind, e.actor, e.detail,
                        e.actorId, e.subjectId, e.previousHash, e.contentHash, e.hash)
                .map(rows -> {
                    e.id = ((Number) rows.get(0)[0]).longValue();
                    return e;
                });
    }
}
