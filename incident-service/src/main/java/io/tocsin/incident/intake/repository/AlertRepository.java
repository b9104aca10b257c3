package io.tocsin.incident.intake.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.incident.intake.model.NormalizedAlert;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The individual alerts of a grouped incident, each firing or resolved, by fingerprint. */
@ApplicationScoped
public class AlertRepository {

    private static final String UPSERT = """
            insert into alert (incident_id, fingerprint, status, summary, labels, starts_at, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (incident_id, fingerprint) do update set status = excluded.status,
                summary = excluded.summary, labels = excluded.labels, updated_at = excluded.updated_at""";

    private final ObjectMapper mapper;
    private final Sql sql;

    public AlertRepository(ObjectMapper mapper, Sql sql) {
        this.mapper = mapper;
        this.sql = sql;
    }

    public Uni<Integer> upsert(UUID incidentId, NormalizedAlert.Member member, Instant now) {
        return sql.update(UPSERT, incidentId, member.fingerprint(), member.firing() ? "firing" : "resolved",
                member.summary(), json(member), member.startsAt() == null ? null : member.startsAt().atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC));
    }

    public Uni<Long> countFiring(UUID incidentId) {
        return sql.select("select count(*) from alert where incident_id = $1 and status = 'firing'", incidentId)
                .map(rows -> ((Number) rows.get(0)[0]).longValue());
    }

    private String json(NormalizedAlert.Member member) {
        try {
            return mapper.writeValueAsString(member.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
