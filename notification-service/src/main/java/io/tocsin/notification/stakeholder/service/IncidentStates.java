package io.tocsin.notification.stakeholder.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Actor;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The incident read model this service keeps from incident events (table incident_state): the current priority,
 * status and assignee. Native upserts, so an event arriving twice or out of order never spoils the session.
 */
@ApplicationScoped
public class IncidentStates {

    /** The part of the state a public update needs. */
    public record Known(String service, Priority priority, String summary) {
    }

    public Uni<Void> opened(UUID incident, String service, Priority priority, String summary, Instant at) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at)
                values (?1, ?2, ?3, ?4, 'TRIGGERED', ?5)
                on conflict (incident_id) do update set service = excluded.service, priority = excluded.priority,
                    summary = excluded.summary, status = 'TRIGGERED', updated_at = now()""",
                incident, service, priority.name(), summary, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Void> priority(UUID incident, String service, Priority priority, String summary, Instant at) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at)
                values (?1, ?2, ?3, ?4, 'TRIGGERED', ?5)
                on conflict (incident_id) do update set priority = excluded.priority, summary = excluded.summary,
                    updated_at = now()""",
                incident, service, priority.name(), summary, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Void> status(UUID incident, String status) {
        return execute("update incident_state set status = ?2, updated_at = now() where incident_id = ?1", incident, status);
    }

    public Uni<Void> assignee(UUID incident, Actor assignee, String status) {
        return execute("""
                update incident_state set assignee_name = ?2, assignee_email = ?3, status = coalesce(?4, status),
                    updated_at = now() where incident_id = ?1""",
                incident, assignee == null ? null : assignee.name(), assignee == null ? null : assignee.email(), status);
    }

    /** Remembers the last responder paged (reminded when the incident has no assignee). */
    public Uni<Void> paged(UUID incident, String service, Priority priority, String summary, String name, String email) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at,
                    last_responder_name, last_responder_email)
                values (?1, ?2, ?3, ?4, 'TRIGGERED', now(), ?5, ?6)
                on conflict (incident_id) do update set last_responder_name = excluded.last_responder_name,
                    last_responder_email = excluded.last_responder_email, updated_at = now()""",
                incident, service, priority.name(), summary == null ? "" : summary, name, email);
    }

    /** Records that stakeholders heard about the incident (restarts the update cadence). */
    public Uni<Void> updated(UUID incident, Instant at) {
        return execute("update incident_state set last_update_at = ?2, updated_at = now() where incident_id = ?1",
                incident, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Known> find(UUID incident) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select service, priority, summary from incident_state where incident_id = ?1", Object[].class)
                .setParameter(1, incident)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Known((String) rows.get(0)[0],
                        Priority.valueOf((String) rows.get(0)[1]), (String) rows.get(0)[2]));
    }

    private static Uni<Void> execute(String sql, Object... parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
