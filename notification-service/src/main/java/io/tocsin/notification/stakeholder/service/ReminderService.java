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
import io.tocsin.notification.stakeholder.model.DueReminder;
import io.tocsin.notification.stakeholder.repository.IncidentStateRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

    private final DeliveryRepository deliveries;
    private final IncidentStateRepository states;
    private final DeliverySender sender;
    private final Template text;
    private final Template html;

    public ReminderService(DeliveryRepository deliveries, IncidentStateRepository states, DeliverySender sender,
                           @Location("stakeholder/reminder-en.txt") Template text,
                           @Location("stakeholder/reminder-en.html") Template html) {
        this.deliveries = deliveries;
        this.states = states;
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
        return Panache.withTransaction(() -> states.lockDueReminders().chain(due -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (DueReminder reminder : due) {
                chain = chain.chain(count -> remind(reminder).map(inserted -> count + (inserted ? 1 : 0)));
            }
            return chain;
        }));
    }

    private Uni<Boolean> remind(DueReminder due) {
        UUID incident = due.incidentId();
        String service = due.service();
        String priority = due.priority();
        String summary = due.summary();
        int cadence = due.cadenceMinutes();
        String email = due.email();
        String name = due.name();
        Instant dueAt = due.dueAt();
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
        return deliveries.insertOnce(delivery, false).call(() -> states.reminded(incident));
    }
}
