package io.tocsin.incident.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.intake.NormalizedAlert;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** The individual alerts of a grouped incident, each firing or resolved, by fingerprint. */
@ApplicationScoped
public class AlertRepository {

    private final ObjectMapper mapper;

    public AlertRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Integer> upsert(UUID incidentId, NormalizedAlert.Member member, Instant now) {
        String sql = """
                insert into alert (incident_id, fingerprint, status, summary, labels, starts_at, updated_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (incident_id, fingerprint) do update set status = excluded.status,
                    summary = excluded.summary, labels = excluded.labels, updated_at = excluded.updated_at""";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql)
                .setParameter(1, incidentId)
                .setParameter(2, member.fingerprint())
                .setParameter(3, member.firing() ? "firing" : "resolved")
                .setParameter(4, member.summary())
                .setParameter(5, json(member))
                .setParameter(6, member.startsAt() == null ? null : member.startsAt().atOffset(ZoneOffset.UTC))
                .setParameter(7, now.atOffset(ZoneOffset.UTC))
                .executeUpdate());
    }

    public Uni<Long> countFiring(UUID incidentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from alert where incident_id = ?1 and status = 'firing'", Long.class)
                .setParameter(1, incidentId)
                .getSingleResult());
    }

    private String json(NormalizedAlert.Member member) {
        try {
            return mapper.writeValueAsString(member.labels());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
