package io.tocsin.notification.delivery.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.delivery.Delivery;
import io.tocsin.notification.delivery.LimitsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The delivery outbox table. Writes that must be idempotent or safe across replicas are native SQL: a unique
 * violation would spoil the reactive session, and claiming uses the database clock and {@code SKIP LOCKED}.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    private final LimitsConfig limits;

    public DeliveryRepository(LimitsConfig limits) {
        this.limits = limits;
    }

    /**
     * Inserts once per (source event, recipient, template). The state is decided in the same statement: HELD when
     * the recipient is over the rate limit or the incident over its cap (unless exempt), else PENDING.
     */
    private static final String INSERT = """
            insert into delivery (id, source_event_id, incident_id, audience, template, recipient, recipient_id,
                recipient_name, contact_kind, contact_format, subject, body_text, body_html, state, attempts,
                next_attempt_at, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                case
                    when ?14 then 'PENDING'
                    when (select count(*) from delivery r where r.recipient = ?6
                          and r.created_at > now() - make_interval(secs => ?15)
                          and r.state not in ('HELD', 'DIGESTED')) >= ?16 then 'HELD'
                    when (select count(*) from delivery i where i.incident_id = ?3
                          and i.state not in ('HELD', 'DIGESTED')) >= ?17 then 'HELD'
                    else 'PENDING'
                end, 0, now(), now())
            on conflict on constraint delivery_once do nothing""";

    private static final String CLAIM = """
            update delivery set next_attempt_at = now() + make_interval(secs => ?2)
            where id in (select id from delivery
                         where state in ('PENDING', 'FAILED') and next_attempt_at <= now()
                         order by next_attempt_at
                         limit ?1
                         for update skip locked)
            returning *""";

    /**
     * Stores a delivery unless the same (source event, recipient, template) is already there; true if new. Rate
     * limits apply unless {@code exempt} (P1 pages are never held).
     */
    public Uni<Boolean> insertOnce(Delivery d, boolean exempt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, d.id)
                        .setParameter(2, d.sourceEventId)
                        .setParameter(3, d.incidentId)
                        .setParameter(4, d.audience)
                        .setParameter(5, d.template)
                        .setParameter(6, d.recipient)
                        .setParameter(7, d.recipientId)
                        .setParameter(8, d.recipientName)
                        .setParameter(9, d.contactKind)
                        .setParameter(10, d.contactFormat)
                        .setParameter(11, d.subject)
                        .setParameter(12, d.bodyText)
                        .setParameter(13, d.bodyHtml)
                        .setParameter(14, exempt)
                        .setParameter(15, (double) limits.window().toMillis() / 1000)
                        .setParameter(16, limits.perRecipient())
                        .setParameter(17, limits.perIncident())
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    /**
     * Claims up to {@code limit} due rows for this replica: locks them (other replicas skip locked rows) and hides
     * them for {@code lease} by moving their next attempt forward, so the lock need not be held while sending.
     */
    public Uni<List<Delivery>> claimDue(int limit, Duration lease) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, Delivery.class)
                .setParameter(1, limit)
                .setParameter(2, (double) lease.toMillis() / 1000)
                .getResultList()
                .invoke(rows -> rows.forEach(session::detach)));
    }

    public Uni<Integer> markSent(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update delivery set state = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null
                        where id = ?1 and state in ('PENDING', 'FAILED')""")
                .setParameter(1, id)
                .executeUpdate());
    }

    /** Records a failed attempt; the row is retried after {@code retryIn} unless {@code dead}. */
    public Uni<Integer> markFailed(UUID id, boolean countAttempt, boolean dead, Duration retryIn, String error) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update delivery set state = ?2, attempts = attempts + ?3, last_error = ?4,
                            next_attempt_at = now() + make_interval(secs => ?5)
                        where id = ?1 and state in ('PENDING', 'FAILED')""")
                .setParameter(1, id)
                .setParameter(2, dead ? "DEAD" : "FAILED")
                .setParameter(3, countAttempt ? 1 : 0)
                .setParameter(4, error)
                .setParameter(5, (double) retryIn.toMillis() / 1000)
                .executeUpdate());
    }

    public Uni<List<Delivery>> byIncident(UUID incidentId) {
        return list("incidentId = ?1 order by createdAt, id", incidentId);
    }
}
