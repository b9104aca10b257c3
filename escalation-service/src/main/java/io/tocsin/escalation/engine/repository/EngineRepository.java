package io.tocsin.escalation.engine.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Recipient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The engine's SQL, as prepared statements (commons' Sql: they run once per event or timer): the database clock,
 * claiming due timers with FOR UPDATE SKIP LOCKED, and inserts that must not spoil the transaction on a duplicate
 * (ON CONFLICT DO NOTHING). Everything runs in the caller's transaction.
 */
@ApplicationScoped
public class EngineRepository {

    private final Sql sql;
    private final ObjectMapper json;

    public EngineRepository(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** A delayed page that is due, identified by its primary key. */
    public record DuePage(UUID incidentId, int step, int loop, String recipientId, String contact) {
    }

    /** What a delayed page stored to be sent later: whom, how, and why. */
    public record StoredPage(Recipient recipient, ContactMethod contact, String reason) {
    }

    /** The database's now() (the transaction's start), so every replica agrees on the time. */
    public Uni<Instant> now() {
        return sql.select("select (extract(epoch from now()) * 1000000)::bigint")
                .map(rows -> {
                    long micros = ((Number) rows.get(0)[0]).longValue();
                    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
                });
    }

    /** Locks up to {@code limit} due escalation timers no other replica holds. */
    public Uni<List<UUID>> claimDueEscalations(int limit) {
        return sql.select("""
                        select incident_id from escalation
                        where next_escalation_at <= now() and status = 'ACTIVE' and triggered and muted_by is null
                        order by next_escalation_at limit $1 for update skip locked""", limit)
                .map(EngineRepository::ids);
    }

    /** Puts the oldest due escalation timer back by a minute after it failed; returns its incident id (or null). */
    public Uni<UUID> postponeOldestDue(String error) {
        return claimDueEscalations(1).chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            UUID id = ids.get(0);
            return sql.update("update escalation set next_escalation_at = now() + interval '1 minute' where incident_id = $1", id)
                    .chain(() -> now()).chain(now -> log(id, now, null, null, "ERROR",
                            "The engine could not apply this escalation; retrying in a minute: " + error))
                    .replaceWith(id);
        });
    }

    /** Escalation timers that should have fired more than {@code graceSeconds} ago (a lagging or stopped engine). */
    public Uni<Long> overdue(long graceSeconds) {
        return sql.select("""
                        select count(*) from escalation
                        where next_escalation_at < now() - make_interval(secs => $1)
                          and status = 'ACTIVE' and triggered and muted_by is null""", (double) graceSeconds)
                .map(rows -> ((Number) rows.get(0)[0]).longValue());
    }

    /** Locks up to {@code limit} due response-target clocks of unacknowledged incidents. */
    public Uni<List<UUID>> claimDueTargets(int limit) {
        return sql.select("""
                        select incident_id from escalation
                        where next_target_at <= now() and status = 'ACTIVE' and triggered
                        order by next_target_at limit $1 for update skip locked""", limit)
                .map(EngineRepository::ids);
    }

    /** Locks up to {@code limit} delayed pages that are due while their incident is still unacknowledged. */
    public Uni<List<DuePage>> claimDuePages(int limit) {
        return sql.select("""
                        select p.incident_id, p.step, p.loop, p.recipient_id, p.contact
                        from page p join escalation e on e.incident_id = p.incident_id
                        where p.sent_at is null and p.due_at <= now() and e.status = 'ACTIVE' and e.muted_by is null
                        order by p.due_at limit $1 for update of p skip locked""", limit)
                .map(rows -> rows.stream().map(row -> new DuePage((UUID) row[0], ((Number) row[1]).intValue(),
                        ((Number) row[2]).intValue(), (String) row[3], (String) row[4])).toList());
    }

    /** Inserts a page; false when this (incident, step, loop, recipient, contact) was already paged. */
    public Uni<Boolean> insertPage(UUID incident, int step, int loop, String recipientId, String contact, Instant dueAt,
                                   boolean sentNow, Recipient recipient, ContactMethod contactMethod, String reason) {
        return sql.update("""
                        insert into page (incident_id, step, loop, recipient_id, contact, due_at, sent_at, recipient,
                                          contact_method, reason)
                        values ($1, $2, $3, $4, $5, $6, case when $7 then now() end, $8, $9, $10)
                        on conflict do nothing""", incident, step, loop, recipientId, contact, utc(dueAt), sentNow,
                        write(recipient), write(contactMethod), reason).map(rows -> rows == 1);
    }

    /** Marks a due page sent; what it stored to be sent. */
    public Uni<StoredPage> markSent(DuePage page) {
        return sql.select("""
                        update page set sent_at = now()
                        where incident_id = $1 and step = $2 and loop = $3 and recipient_id = $4 and contact = $5
                        returning recipient, contact_method, reason""",
                        page.incidentId(), page.step(), page.loop(), page.recipientId(), page.contact())
                .map(rows -> new StoredPage(read((String) rows.get(0)[0], Recipient.class),
                        read((String) rows.get(0)[1], ContactMethod.class), (String) rows.get(0)[2]));
    }

    /** Drops delayed pages that were not sent yet (acknowledged, resolved, or muted incidents). */
    public Uni<Integer> dropPendingPages(UUID incident) {
        return sql.update("delete from page where incident_id = $1 and sent_at is null", incident);
    }

    public Uni<Void> log(UUID incident, Instant at, Integer step, Integer loop, String outcome, String detail) {
        return sql.update("""
                        insert into escalation_log (incident_id, at, step, loop, outcome, detail)
                        values ($1, $2, $3, $4, $5, $6)""", incident, utc(at), step, loop, outcome, detail)
                .replaceWithVoid();
    }

    /** The page's recipient and contact method are kept as JSON text: a frozen copy of what the page will say. */
    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored page cannot be read", e);
        }
    }

    private static List<UUID> ids(List<Object[]> rows) {
        return rows.stream().map(row -> (UUID) row[0]).toList();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
