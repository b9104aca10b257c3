package io.tocsin.notification.delivery.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.db.Sql;
import io.tocsin.notification.delivery.config.LimitsConfig;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.model.WaitingMail;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The delivery outbox table. Every page and update passes through insert, claim and mark, so those are prepared
 * statements (commons' Sql): idempotent inserts ({@code ON CONFLICT DO NOTHING}: a unique violation would spoil the
 * transaction), claims with the database clock and {@code SKIP LOCKED}. Also the statements of the digests and burst
 * windows (StakeholderBursts) and of forgetting a stakeholder; listing for the API stays with Panache.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    private final LimitsConfig limits;
    private final Sql sql;

    public DeliveryRepository(LimitsConfig limits, Sql sql) {
        this.limits = limits;
        this.sql = sql;
    }

    /**
     * Inserts once per (source event, recipient, template). The state is decided in the same statement: HELD when
     * the recipient is over the rate limit or the incident over its cap (unless exempt), else PENDING.
     */
    private static final String INSERT = """
            insert into delivery (id, source_event_id, incident_id, audience, template, recipient, recipient_id,
                recipient_name, contact_kind, contact_format, subject, body_text, body_html, state, attempts,
                next_attempt_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                case
                    when $14 then 'PENDING'
                    when (select count(*) from delivery r where r.recipient = $6
                          and r.created_at > now() - make_interval(secs => $15)
                          and r.state not in ('HELD', 'DIGESTED')) >= $16 then 'HELD'
                    when (select count(*) from delivery i where i.incident_id = $3
                          and i.state not in ('HELD', 'DIGESTED')) >= $17 then 'HELD'
                    else 'PENDING'
                end, 0, now(), now())
            on conflict on constraint delivery_once do nothing""";

    /**
     * A stakeholder mail: limited like any other (HELD), else WAITING when it opens a gathering window ("new incident",
     * StakeholderBursts decides what leaves and how) or joins one (a later mail about an incident whose first one
     * still waits goes after it, not before), else PENDING.
     */
    private static final String INSERT_STAKEHOLDER = """
            insert into delivery (id, source_event_id, incident_id, audience, template, recipient, recipient_id,
                recipient_name, contact_kind, contact_format, subject, body_text, body_html, facts, state, attempts,
                next_attempt_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                case
                    when (select count(*) from delivery r where r.recipient = $6
                          and r.created_at > now() - make_interval(secs => $15)
                          and r.state not in ('HELD', 'DIGESTED')) >= $16 then 'HELD'
                    when (select count(*) from delivery i where i.incident_id = $3
                          and i.state not in ('HELD', 'DIGESTED')) >= $17 then 'HELD'
                    when $18 then 'WAITING'
                    when exists (select 1 from delivery w where w.recipient = $6 and w.state = 'WAITING'
                                 and w.incident_id = $3) then 'WAITING'
                    else 'PENDING'
                end, 0, now(), now())
            on conflict on constraint delivery_once do nothing""";

    /** The columns {@link #row} maps: what the sender needs to send a row and report it. */
    private static final String COLUMNS = """
            id, source_event_id, incident_id, audience, template, recipient, recipient_id, recipient_name,
            contact_kind, contact_format, subject, body_text, body_html, state, attempts""";

    private static final String CLAIM = """
            update delivery set next_attempt_at = now() + make_interval(secs => $2)
            where id in (select id from delivery
                         where state in ('PENDING', 'FAILED') and next_attempt_at <= now()
                         order by next_attempt_at
                         limit $1
                         for update skip locked)
            """ + "returning " + COLUMNS;

    /**
     * Stores a delivery unless the same (source event, recipient, template) is already there; true if new. Rate
     * limits apply unless {@code exempt} (P1 pages are never held).
     */
    public Uni<Boolean> insertOnce(Delivery d, boolean exempt) {
        return sql.update(INSERT, d.id, d.sourceEventId, d.incidentId, d.audience, d.template, d.recipient,
                        d.recipientId, d.recipientName, d.contactKind, d.contactFormat, d.subject, d.bodyText,
                        d.bodyHtml, exempt, (double) limits.window().toMillis() / 1000, limits.perRecipient(),
                        limits.perIncident())
                .map(rows -> rows == 1);
    }

    /**
     * Stores a stakeholder mail unless the same (source event, recipient, template) is already there; true if new.
     * {@code gather}: it opens a window in which other new incidents of the recipient join it (see INSERT_STAKEHOLDER).
     */
    public Uni<Boolean> insertStakeholder(Delivery d, boolean gather) {
        return sql.update(INSERT_STAKEHOLDER, d.id, d.sourceEventId, d.incidentId, d.audience, d.template, d.recipient,
                        d.recipientId, d.recipientName, d.contactKind, d.contactFormat, d.subject, d.bodyText,
                        d.bodyHtml, d.facts, (double) limits.window().toMillis() / 1000, limits.perRecipient(),
                        limits.perIncident(), gather)
                .map(rows -> rows == 1);
    }

    /** The rows a digest carried ({@code digest_id}), as the sender reports them once the digest is out. */
    public Uni<List<Delivery>> carriedBy(UUID digestId) {
        return sql.select("select " + COLUMNS + " from delivery where digest_id = $1 order by created_at, id", digestId)
                .map(DeliveryRepository::rows);
    }

    /**
     * Claims up to {@code limit} due rows for this replica: locks them (other replicas skip locked rows) and hides
     * them for {@code lease} by moving their next attempt forward, so the lock need not be held while sending. The
     * rows come back detached (Hibernate never sees them).
     */
    public Uni<List<Delivery>> claimDue(int limit, Duration lease) {
        return sql.select(CLAIM, limit, (double) lease.toMillis() / 1000).map(DeliveryRepository::rows);
    }

    private static List<Delivery> rows(List<Object[]> rows) {
        List<Delivery> deliveries = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            deliveries.add(row(row));
        }
        return deliveries;
    }

    /** One row of {@link #COLUMNS}, detached (Hibernate never sees it). */
    private static Delivery row(Object[] row) {
        Delivery d = new Delivery();
        d.id = (UUID) row[0];
        d.sourceEventId = (UUID) row[1];
        d.incidentId = (UUID) row[2];
        d.audience = (String) row[3];
        d.template = (String) row[4];
        d.recipient = (String) row[5];
        d.recipientId = (String) row[6];
        d.recipientName = (String) row[7];
        d.contactKind = (String) row[8];
        d.contactFormat = (String) row[9];
        d.subject = (String) row[10];
        d.bodyText = (String) row[11];
        d.bodyHtml = (String) row[12];
        d.state = (String) row[13];
        d.attempts = ((Number) row[14]).intValue();
        return d;
    }

    public Uni<Integer> markSent(UUID id) {
        return sql.update("""
                update delivery set state = 'SENT', attempts = attempts + 1, sent_at = now(), last_error = null
                where id = $1 and state in ('PENDING', 'FAILED')""", id);
    }

    /** Records a failed attempt; the row is retried after {@code retryIn} unless {@code dead}. */
    public Uni<Integer> markFailed(UUID id, boolean countAttempt, boolean dead, Duration retryIn, String error) {
        return sql.update("""
                update delivery set state = $2, attempts = attempts + $3, last_error = $4,
                    next_attempt_at = now() + make_interval(secs => $5)
                where id = $1 and state in ('PENDING', 'FAILED')""",
                id, dead ? "DEAD" : "FAILED", countAttempt ? 1 : 0, error, (double) retryIn.toMillis() / 1000);
    }

    /** Recipients whose oldest held mail has waited {@code intervalSeconds} (the rate limits' digest is due). */
    public Uni<List<String>> dueHeldRecipients(double intervalSeconds) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select recipient from delivery where state = 'HELD'
                        group by recipient
                        having min(created_at) <= now() - make_interval(secs => ?1)
                        limit 50""", String.class)
                .setParameter(1, intervalSeconds)
                .getResultList());
    }

    /** A recipient's held mails, locked (other replicas skip them) and detached, oldest first. */
    public Uni<List<Delivery>> lockHeld(String recipient) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select * from delivery where recipient = ?1 and state = 'HELD'
                        order by created_at, id
                        for update skip locked""", Delivery.class)
                .setParameter(1, recipient)
                .getResultList()
                .invoke(held -> held.forEach(s::detach)));
    }

    /** A held mail went out in digest {@code digestId}. */
    public Uni<Integer> markDigested(UUID id, UUID digestId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "update delivery set state = 'DIGESTED', digest_id = ?1 where id = ?2")
                .setParameter(1, digestId)
                .setParameter(2, id)
                .executeUpdate());
    }

    /** Recipients whose oldest waiting stakeholder mail has waited {@code windowSeconds} (their burst window closed). */
    public Uni<List<String>> dueWaitingRecipients(double windowSeconds) {
        return sql.select("""
                select recipient from delivery where state = 'WAITING'
                group by recipient
                having min(created_at) <= now() - make_interval(secs => $1)
                limit 50""", windowSeconds).map(rows -> rows.stream().map(row -> (String) row[0]).toList());
    }

    /** A recipient's waiting stakeholder mails, locked (other replicas skip them), oldest first. */
    public Uni<List<WaitingMail>> lockWaiting(String recipient, double windowSeconds) {
        return sql.select("""
                select id, incident_id, recipient_id, recipient_name, facts,
                       created_at <= now() - make_interval(secs => $2) as due
                from delivery where recipient = $1 and state = 'WAITING'
                order by created_at, id
                for update skip locked""", recipient, windowSeconds).map(rows -> rows.stream()
                .map(r -> new WaitingMail((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                        Boolean.TRUE.equals(r[5])))
                .toList());
    }

    /** Waiting mails go out as they are. */
    public Uni<Integer> release(UUID[] ids) {
        return sql.update("update delivery set state = 'PENDING', next_attempt_at = now() "
                + "where id = any($1) and state = 'WAITING'", (Object) ids);
    }

    /** Waiting mails went out in digest {@code digestId}. */
    public Uni<Integer> digestWaiting(UUID[] ids, UUID digestId) {
        return sql.update("update delivery set state = 'DIGESTED', digest_id = $2 "
                + "where id = any($1) and state = 'WAITING'", ids, digestId);
    }

    /**
     * A stakeholder left: unless the same address is still a member elsewhere, their delivery records stay for the
     * statistics without address, name or bodies, and what was not sent yet never is.
     */
    public Uni<Integer> forgetStakeholder(String email) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update delivery set recipient = 'forgotten:' || id, recipient_name = null,
                            recipient_id = null, subject = '(removed)', body_text = '', body_html = null,
                            facts = null,
                            state = case when state in ('PENDING', 'FAILED', 'HELD', 'WAITING')
                                then 'DEAD' else state end,
                            last_error = case when state in ('PENDING', 'FAILED', 'HELD', 'WAITING')
                                then 'recipient unsubscribed' else last_error end
                        where audience = 'STAKEHOLDER' and recipient = ?1
                          and not exists (select 1 from stakeholder where email = ?1)""")
                .setParameter(1, email).executeUpdate());
    }

    public Uni<List<Delivery>> byIncident(UUID incidentId) {
        return list("incidentId = ?1 order by createdAt, id", incidentId);
    }
}
