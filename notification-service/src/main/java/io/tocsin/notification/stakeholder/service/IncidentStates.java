package io.tocsin.notification.stakeholder.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.Actor;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The incident read model this service keeps from incident events (table incident_state): the current priority,
 * status and assignee. Upserts as prepared statements (commons' Sql: one or two per event), so an event arriving
 * twice or out of order never spoils the transaction.
 */
@ApplicationScoped
public class IncidentStates {

    private final Sql sql;

    public IncidentStates(Sql sql) {
        this.sql = sql;
    }

    /** The part of the state a public update needs. */
    public record Known(String service, Priority priority, String summary) {
    }

    public Uni<Void> opened(UUID incident, String service, Priority priority, String summary, Instant at) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at)
                values ($1, $2, $3, $4, 'TRIGGERED', $5)
                on conflict (incident_id) do update set service = excluded.service, priority = excluded.priority,
                    summary = excluded.summary, status = 'TRIGGERED', updated_at = now()""",
                incident, service, priority.name(), summary, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Void> priority(UUID incident, String service, Priority priority, String summary, Instant at) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at)
                values ($1, $2, $3, $4, 'TRIGGERED', $5)
                on conflict (incident_id) do update set priority = excluded.priority, summary = excluded.summary,
                    updated_at = now()""",
                incident, service, priority.name(), summary, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Void> status(UUID incident, String status) {
        return execute("update incident_state set status = $2, updated_at = now() where incident_id = $1", incident, status);
    }

    public Uni<Void> assignee(UUID incident, Actor assignee, String status) {
        return execute("""
                update incident_state set assignee_name = $2, assignee_email = $3, status = coalesce($4, status),
                    updated_at = now() where incident_id = $1""",
                incident, assignee == null ? null : assignee.name(), assignee == null ? null : assignee.email(), status);
    }

    /** Remembers the last responder paged (reminded when the incident has no assignee). */
    public Uni<Void> paged(UUID incident, String service, Priority priority, String summary, String name, String email) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at,
                    last_responder_name, last_responder_email)
                values ($1, $2, $3, $4, 'TRIGGERED', now(), $5, $6)
                on conflict (incident_id) do update set last_responder_name = excluded.last_responder_name,
                    last_responder_email = excluded.last_responder_email, updated_at = now()""",
                incident, service, priority.name(), summary == null ? "" : summary, name, email);
    }

    /** Records that stakeholders heard about the incident (restarts the update cadence). */
    public Uni<Void> updated(UUID incident, Instant at) {
        return execute("update incident_state set last_update_at = $2, updated_at = now() where incident_id = $1",
                incident, at.atOffset(ZoneOffset.UTC));
    }

    public Uni<Known> find(UUID incident) {
        return sql.select("select service, priority, summary from incident_state where incident_id = $1", incident)
                .map(rows -> rows.isEmpty() ? null : new Known((String) rows.get(0)[0],
                        Priority.valueOf((String) rows.get(0)[1]), (String) rows.get(0)[2]));
    }

    private Uni<Void> execute(String statement, Object... arguments) {
        return sql.update(statement, arguments).replaceWithVoid();
    }
}
