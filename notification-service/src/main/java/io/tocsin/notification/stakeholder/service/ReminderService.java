package io.tocsin.notification.stakeholder.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.delivery.model.Delivery;
import io.tocsin.notification.delivery.repository.DeliveryRepository;
import io.tocsin.notification.delivery.service.DeliverySender;
import io.tocsin.notification.shared.service.MailHeaders;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The update cadence: while an incident is open and its priority's plan has a cadence, stakeholders should hear
 * something at least that often. When no update went out within the cadence (counted from the last update or the
 * last reminder), the assignee, or with no assignee the last responder paged, gets a reminder. Durable like every
 * timer here: the due time is computed from rows with the database clock, claimed with SKIP LOCKED by any replica.
 */
@ApplicationScoped
public class ReminderService {

    public static final String TEMPLATE = "update-reminder";

    private static final String DUE = """
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

    private final DeliveryRepository deliveries;
    private final DeliverySender sender;
    private final Template text;
    private final Template html;

    public ReminderService(DeliveryRepository deliveries, DeliverySender sender,
                           @Location("stakeholder/reminder-en.txt") Template text,
                           @Location("stakeholder/reminder-en.html") Template html) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.text = text;
        this.html = html;
    }

    @Scheduled(every = "${tocsin.reminders.poll-interval:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return remindDue().invoke(count -> {
            if (count > 0) {
                sender.wake();
            }
        }).onFailure().invoke(e -> Log.warnf("Update reminders failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Queues a reminder for every incident whose update is due; returns how many. */
    public Uni<Integer> remindDue() {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(DUE, Object[].class)
                .getResultList()
                .chain(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Object[] row : rows) {
                        chain = chain.chain(count -> remind(row).map(inserted -> count + (inserted ? 1 : 0)));
                    }
                    return chain;
                })));
    }

    private Uni<Boolean> remind(Object[] row) {
        UUID incident = (UUID) row[0];
        String service = (String) row[1];
        String priority = (String) row[2];
        String summary = (String) row[3];
        int cadence = ((Number) row[4]).intValue();
        String email = (String) row[5];
        String name = (String) row[6];
        Instant dueAt = toInstant(row[7]);
        Delivery delivery = new Delivery();
        delivery.id = UUID.randomUUID();
        // One reminder per incident and due time, however often (and on however many replicas) this runs.
        delivery.sourceEventId = UUID.nameUUIDFromBytes(("reminder:" + incident + ":" + dueAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        delivery.incidentId = incident;
        delivery.audience = Delivery.Audience.RESPONDER.name();
        delivery.template = TEMPLATE;
        delivery.recipient = email;
        delivery.recipientName = name;
        delivery.contactKind = "EMAIL";
        delivery.subject = MailHeaders.line("[" + priority + "] " + service + ": " + summary + " (stakeholder update due)");
        delivery.bodyText = text.data("name", name).data("priority", priority).data("service", service)
                .data("summary", summary).data("cadence", cadence).data("incidentId", incident.toString()).render();
        delivery.bodyHtml = html.data("name", name).data("priority", priority).data("service", service)
                .data("summary", summary).data("cadence", cadence).data("incidentId", incident.toString()).render();
        return deliveries.insertOnce(delivery, false).call(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update incident_state set reminded_at = now() where incident_id = ?1")
                .setParameter(1, incident).executeUpdate()));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.toInstant(java.time.ZoneOffset.UTC);
        }
        return Instant.parse(String.valueOf(value));
    }
}
