package io.tocsin.notification.stakeholder.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.Actor;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.DueReminder;
import io.tocsin.notification.stakeholder.model.IncidentFacts;
import io.tocsin.notification.stakeholder.model.KnownIncident;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The incident read model this service keeps from incident and status events (table incident_state): the current
 * priority, status and assignee, and what stakeholder mails say (start and end, the last public update, who leads by
 * display name, the postmortem). Upserts as prepared statements (commons' Sql: one or two per event), so an event arriving
 * twice or out of order never spoils the transaction. Also the update cadence's claim of due reminders.
 */
@ApplicationScoped
public class IncidentStateRepository {

    private final Sql sql;

    public IncidentStateRepository(Sql sql) {
        this.sql = sql;
    }

    public Uni<Void> opened(UUID incident, String service, Priority priority, String summary, Instant at) {
        return execute("""
                insert into incident_state (incident_id, service, priority, summary, status, last_update_at,
                    triggered_at)
                values ($1, $2, $3, $4, 'TRIGGERED', $5, $5)
                on conflict (incident_id) do update set service = excluded.service, priority = excluded.priority,
                    summary = excluded.summary, status = 'TRIGGERED', triggered_at = excluded.triggered_at,
                    resolved_at = null, updated_at = now()""",
                incident, service, priority.name(), summary, at.atOffset(ZoneOffset.UTC));
    }

    /** Resolved at {@code at}; {@code triggeredAt} from the event fills in a start this service never saw. */
    public Uni<Void> resolved(UUID incident, Instant triggeredAt, Instant at) {
        return execute("""
                update incident_state set status = 'RESOLVED', resolved_at = $3,
                    triggered_at = coalesce(triggered_at, $2), updated_at = now() where incident_id = $1""",
                incident, triggeredAt == null ? null : triggeredAt.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
    }

    /** A public update: what stakeholders are told is being done, and the update cadence starts again. */
    public Uni<Void> publicUpdate(UUID incident, Instant at, String status, String message) {
        return execute("""
                update incident_state set last_update_at = $2, public_at = $2, public_status = $3,
                    public_message = $4, updated_at = now() where incident_id = $1""",
                incident, at.atOffset(ZoneOffset.UTC), status, message);
    }

    /** The published postmortem's public link (later mails about the incident carry it). */
    public Uni<Void> postmortem(UUID incident, String url) {
        return incident == null || url == null ? Uni.createFrom().voidItem()
                : execute("update incident_state set postmortem_url = $2, updated_at = now() where incident_id = $1",
                incident, url);
    }

    /**
     * Who leads: the commander and the communications lead by display name (their id only to recognise a release).
     * Every leader is also remembered in incident_lead, so an erasure finds the mails that named them.
     */
    public Uni<Void> role(UUID incident, IncidentRoleChanged change) {
        String column = change.role() == IncidentRole.COMMANDER ? "commander"
                : change.role() == IncidentRole.COMMUNICATIONS_LEAD ? "comms_lead" : null;
        Actor holder = change.holder();
        if (column == null || holder == null) {
            return Uni.createFrom().voidItem();
        }
        if (change.change() == IncidentRoleChanged.Change.RELEASED) {
            return execute("update incident_state set " + column + "_id = null, " + column + "_name = null, "
                    + "updated_at = now() where incident_id = $1 and " + column + "_id = $2", incident, holder.id());
        }
        String name = holder.name() == null || holder.name().isBlank() ? holder.id() : holder.name();
        return execute("update incident_state set " + column + "_id = $2, " + column + "_name = $3, updated_at = now() "
                + "where incident_id = $1", incident, holder.id(), name)
                .chain(() -> execute("insert into incident_lead (incident_id, person_id, name) values ($1, $2, $3) "
                        + "on conflict do nothing", incident, holder.id(), name));
    }

    public Uni<IncidentFacts> facts(UUID incident) {
        return sql.select("""
                        select status, triggered_at, resolved_at, last_update_at, public_status, public_message,
                            public_at, commander_name, comms_lead_name, assignee_name, postmortem_url
                        from incident_state where incident_id = $1""", incident)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new IncidentFacts((String) r[0], instant(r[1]), instant(r[2]), instant(r[3]), (String) r[4],
                            (String) r[5], instant(r[6]), (String) r[7], (String) r[8], (String) r[9], (String) r[10]);
                });
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(String.valueOf(value));
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

    public Uni<KnownIncident> find(UUID incident) {
        return sql.select("select service, priority, summary from incident_state where incident_id = $1", incident)
                .map(rows -> rows.isEmpty() ? null : new KnownIncident((String) rows.get(0)[0],
                        Priority.valueOf((String) rows.get(0)[1]), (String) rows.get(0)[2]));
    }

    /**
     * Open incidents whose stakeholders heard nothing within their plan's cadence (counted from the last update or the
     * last reminder), with whom to remind: the assignee, else the last responder paged. Locked (SKIP LOCKED) for the
     * caller's transaction.
     */
    private static final String DUE_REMINDERS = """
            select i.incident_id, i.service, i.priority, i.summary, p.cadence_minutes,
                   coalesce(i.assignee_email, i.last_responder_email) as email,
                   case when i.assignee_email is not null then i.assignee_name else i.last_responder_name end as name,
                   greatest(i.last_update_at, coalesce(i.reminded_at, i.last_update_at))
                       + make_interval(mins => p.cadence_minutes) as due_at
            from incident_state i join communication_plan p on p.priority = i.priority
            where i.status <> 'RESOLVED' and p.cadence_minutes is not null
              and coalesce(i.assignee_email, i.last_responder_email) is not null
              and greatest(i.last_update_at, coalesce(i.reminded_at, i.last_update_at))
                  + make_interval(mins => p.cadence_minutes) <= now()
            order by i.last_update_at
            limit 50
            for update of i skip locked""";

    public Uni<List<DueReminder>> lockDueReminders() {
        return Panache.getSession().chain(s -> s.createNativeQuery(DUE_REMINDERS, Object[].class).getResultList())
                .map(rows -> rows.stream().map(row -> new DueReminder((UUID) row[0], (String) row[1], (String) row[2],
                        (String) row[3], ((Number) row[4]).intValue(), (String) row[5], (String) row[6], instant(row[7])))
                        .toList());
    }

    /** A reminder went out now: the cadence counts from here. */
    public Uni<Integer> reminded(UUID incident) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update incident_state set reminded_at = now() where incident_id = ?1")
                .setParameter(1, incident).executeUpdate());
    }

    private Uni<Void> execute(String statement, Object... arguments) {
        return sql.update(statement, arguments).replaceWithVoid();
    }
}
