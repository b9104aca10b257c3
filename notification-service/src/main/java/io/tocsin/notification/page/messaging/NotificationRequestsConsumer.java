package io.tocsin.notification.page.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.EventType;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.StakeholderNoticeRequested;
import io.tocsin.events.Topics;
import io.tocsin.notification.clock.service.ClockMailService;
import io.tocsin.notification.delivery.service.DeliverySender;
import io.tocsin.notification.page.service.PageService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.notification-requests} in batches (commons' BatchConsumer: one transaction per batch,
 * acknowledged after its commit) and wakes the sender once the pages are committed: pages, and the clock requests
 * (response-target notices for stakeholders, GDPR clock reminders for the data-protection group). A request that
 * cannot be delivered at all goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotificationRequestsConsumer {

    static final BatchConsumer.Channel CHANNEL = new BatchConsumer.Channel("notification-service-pages",
            "tocsin.notification-requests.notification-dlq", EnumSet.of(EventType.NOTIFICATION_REQUESTED,
            EventType.STAKEHOLDER_NOTICE_REQUESTED, EventType.BREACH_REMINDER_REQUESTED));

    private final BatchConsumer batches;
    private final PageService pages;
    private final DeliverySender sender;
    private final ClockMailService clocks;

    public NotificationRequestsConsumer(BatchConsumer batches, PageService pages, DeliverySender sender,
                                        ClockMailService clocks) {
        this.batches = batches;
        this.pages = pages;
        this.sender = sender;
        this.clocks = clocks;
    }

    @Incoming(Topics.NOTIFICATION_REQUESTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CHANNEL, records, this::apply).invoke(sender::wake);
    }

    private Uni<Void> apply(BatchConsumer.Event event) {
        return switch (event.type()) {
            case NOTIFICATION_REQUESTED -> pages.onRequested(event.as(NotificationRequested.class));
            case STAKEHOLDER_NOTICE_REQUESTED -> clocks.onStakeholderNotice(event.as(StakeholderNoticeRequested.class));
            case BREACH_REMINDER_REQUESTED -> clocks.onBreachReminder(event.as(BreachReminderRequested.class));
            default -> throw new IllegalStateException("Not a type of " + CHANNEL.consumer() + ": " + event.type());
        };
    }
}
