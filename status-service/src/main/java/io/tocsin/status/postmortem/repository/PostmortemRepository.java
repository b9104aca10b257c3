package io.tocsin.status.postmortem.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.status.postmortem.model.Postmortem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Postmortems; at most one per incident. */
@ApplicationScoped
public class PostmortemRepository implements PanacheRepositoryBase<Postmortem, UUID> {

    private final Sql sql;

    public PostmortemRepository(Sql sql) {
        this.sql = sql;
    }

    /** Opens a draft unless the incident already has a postmortem; true when this call opened it. */
    public Uni<Boolean> openDraft(UUID id, UUID incidentId, String title, String service, String priority, Instant now) {
        // Runs for every event of a resolved serious incident (once it exists, nothing happens): a prepared statement.
        return sql.update("""
                        insert into postmortem (id, incident_id, title, service, priority, status, created_at, updated_at)
                        values ($1, $2, $3, $4, $5, 'DRAFT', $6, $6) on conflict (incident_id) do nothing""",
                        id, incidentId, title, service, priority, now.atOffset(ZoneOffset.UTC))
                .map(rows -> rows == 1);
    }

    public Uni<Postmortem> forIncident(UUID incidentId) {
        return find("incidentId", incidentId).firstResult();
    }

    /** A page, newest first; only published ones when {@code publishedOnly}. */
    public Uni<List<Postmortem>> newestFirst(boolean publishedOnly, int offset, int limit) {
        var query = publishedOnly
                ? find("status = ?1 order by publishedAt desc", Postmortem.Status.PUBLISHED)
                : find("order by createdAt desc");
        return query.range(offset, offset + limit - 1).list();
    }
}
