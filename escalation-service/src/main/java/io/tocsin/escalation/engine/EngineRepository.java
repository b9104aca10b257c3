package io.tocsin.escalation.engine;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The engine's native SQL: the database clock, claiming due timers with FOR UPDATE SKIP LOCKED, and inserts that
 * must not spoil the session on a duplicate (ON CONFLICT DO NOTHING). Everything runs in the caller's transaction.
 */
@ApplicationScoped
public class EngineRepository {

    /** A delayed page that is due, identified by its primary key. */
    public record DuePage(UUID incidentId, int step, int loop, String recipientId, String contact) {
    }

    /** The database's now() (the transaction's start), so every replica agrees on the time. */
    public Uni<Instant> now() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select (extract(epoch from now()) * 1000000)::bigint", Long.class).getSingleResult())
                .map(micros -> Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000L));
    }

    /** Locks up to {@code limit} due escalation timers no other replica holds. */
    public Uni<List<UUID>> claimDueEscalations(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select incident_id from escalation
                        where next_escalation_at <= now() and status = 'ACTIVE' and triggered and muted_by is null
                        order by next_escalation_at limit ?1 for update skip locked""", UUID.class)
                .setParameter(1, limit).getResultList());
    }

    /** Puts the oldest due escalation timer back by a minute after it failed; returns its incident id (or null). */
    public Uni<UUID> postponeOldestDue(String error) {
        return claimDueEscalations(1).chain(ids -> {
            if (ids.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            UUID id = ids.get(0);
            return Panache.getSession().chain(s -> s.createNativeQuery(
                            "update escalation set next_escalation_at = now() + interval '1 minute' where incident_id = ?1")
                    .setParameter(1, id).executeUpdate())
                    .chain(() -> now()).chain(now -> log(id, now, null, null, "ERROR",
                            "The engine could not apply this escalation; retrying in a minute: " + error))
                    .replaceWith(id);
        });
    }

    /** Escalation timers that should have fired more than {@code graceSeconds} ago (a lagging or stopped engine). */
    public Uni<Long> overdue(long graceSeconds) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(*) from escalation
                        where next_escalation_at < now() - make_interval(secs => ?1)
                          and status = 'ACTIVE' and triggered and muted_by is null""", Long.class)
                .setParameter(1, (double) graceSeconds).getSingleResult());
    }

    /** Locks up to {@code limit} due response-target clocks of unacknowledged incidents. */
    public Uni<List<UUID>> claimDueTargets(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select incident_id from escalation
                        where next_target_at <= now() and status = 'ACTIVE' and triggered
                        order by next_target_at limit ?1 for update skip locked""", UUID.class)
                .setParameter(1, limit).getResultList());
    }

    /** Locks up to {@code limit} delayed pages that are due while their incident is still unacknowledged. */
    public Uni<List<DuePage>> claimDuePages(int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select p.incident_id || '|' || p.step || '|' || p.loop || '|' || p.contact || '|' || p.recipient_id
                        from page p join escalation e on e.incident_id = p.incident_id
                        where p.sent_at is null and p.due_at <= now() and e.status = 'ACTIVE' and e.muted_by is null
                        order by p.due_at limit ?1 for update of p skip locked""", String.class)
                .setParameter(1, limit).getResultList())
                .map(rows -> rows.stream().map(row -> {
                    String[] f = row.split("\\|", 5);
                    return new DuePage(UUID.fromString(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[4], f[3]);
                }).toList());
    }

    /** Inserts a page; false when this (incident, step, loop, recipient, contact) was already paged. */
    public Uni<Boolean> insertPage(UUID incident, int step, int loop, String recipientId, String contact, Instant dueAt,
                                   boolean sentNow, String recipientJson, String contactJson, String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into page (incident_id, step, loop, recipient_id, contact, due_at, sent_at, recipient,
                                          contact_method, reason)
                        values (?1, ?2, ?3, ?4, ?5, ?6, case when ?7 then now() end, ?8, ?9, ?10)
                        on conflict do nothing""")
                .setParameter(1, incident).setParameter(2, step).setParameter(3, loop)
                .setParameter(4, recipientId).setParameter(5, contact).setParameter(6, utc(dueAt))
                .setParameter(7, sentNow).setParameter(8, recipientJson).setParameter(9, contactJson)
                .setParameter(10, reason).executeUpdate()).map(rows -> rows == 1);
    }

    /** The stored JSON of a page: recipient, contact method and reason, separated by a NUL-free marker. */
    public Uni<String[]> markSent(DuePage page) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update page set sent_at = now()
                        where incident_id = ?1 and step = ?2 and loop = ?3 and recipient_id = ?4 and contact = ?5
                        returning recipient || chr(31) || contact_method || chr(31) || reason""", String.class)
                .setParameter(1, page.incidentId()).setParameter(2, page.step()).setParameter(3, page.loop())
                .setParameter(4, page.recipientId()).setParameter(5, page.contact()).getSingleResult())
                .map(row -> row.split("\u001f", 3));
    }

    /** Drops delayed pages that were not sent yet (acknowledged, resolved, or muted incidents). */
    public Uni<Integer> dropPendingPages(UUID incident) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from page where incident_id = ?1 and sent_at is null")
                .setParameter(1, incident).executeUpdate());
    }

    public Uni<Void> log(UUID incident, Instant at, Integer step, Integer loop, String outcome, String detail) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into escalation_log (incident_id, at, step, loop, outcome, detail)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, incident).setParameter(2, utc(at)).setParameter(3, step).setParameter(4, loop)
                .setParameter(5, outcome).setParameter(6, detail).executeUpdate()).replaceWithVoid();
    }

    /** The id of an active maintenance window covering {@code service}, or null. */
    public Uni<String> activeMaintenance(String service) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select m.maintenance_id from maintenance m
                        join maintenance_service ms on ms.maintenance_id = m.maintenance_id
                        where ms.service = ?1 and not m.ended order by m.maintenance_id limit 1""", String.class)
                .setParameter(1, service).getResultList()).map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    public Uni<Void> addMaintenanceService(String maintenanceId, String service) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into maintenance_service (maintenance_id, service) values (?1, ?2) on conflict do nothing")
                .setParameter(1, maintenanceId).setParameter(2, service).executeUpdate()).replaceWithVoid();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
