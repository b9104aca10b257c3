package io.tocsin.incident.breach.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.incident.breach.model.PersonalDataBreach;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Personal-data breaches by incident id. */
@ApplicationScoped
public class BreachRepository implements PanacheRepositoryBase<PersonalDataBreach, UUID> {

    private final Sql sql;

    public BreachRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Records a breach marked by a classification rule when its incident opens: intake holds the new incident by id
     * only (prepared statements, no entity), so this is one too; inside the caller's transaction.
     */
    public Uni<Void> insertByRule(UUID incidentId, Instant awareAt, Instant deadline, String rule, String markedBy,
                                  Instant at) {
        return sql.update("""
                        insert into personal_data_breach (incident_id, marked, aware_at, deadline, source, rule_name,
                                                          marked_at, marked_by)
                        values ($1, true, $2, $3, 'RULE', $4, $5, $6)""", incidentId, awareAt.atOffset(ZoneOffset.UTC),
                deadline.atOffset(ZoneOffset.UTC), rule, at.atOffset(ZoneOffset.UTC), markedBy).replaceWithVoid();
    }
}
