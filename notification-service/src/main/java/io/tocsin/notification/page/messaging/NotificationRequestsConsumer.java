package io.tocsin.notification.page.messaging;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.messaging.BatchConsumer;
import io.tocsin.events.EventType;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Topics;
import io.tocsin.notification.delivery.service.DeliverySender;
import io.tocsin.notification.page.service.PageService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.EnumSet;

/**
 * Reads {@code tocsin.notification-requests} in batches (commons' BatchConsumer: one transaction per batch,
 * acknowledged after its commit) and wakes the sender once the pages are committed. A request that cannot be
 * delivered at all goes to the dead-letter topic.
 */
@ApplicationScoped
public class NotificationRequestsConsumer {

    static final BatchConsumer.Channel CHANNEL = new BatchConsumer.Channel("notification-service-pages",
            "tocsin.notification-requests.notification-dlq", EnumSet.of(EventType.NOTIFICATION_REQUESTED));

    private final BatchConsumer batches;
    private final PageService pages;
    private final DeliverySender sender;

    public NotificationRequestsConsumer(BatchConsumer batches, PageService pages, DeliverySender sender) {
        this.batches = batches;
        this.pages = pages;
        this.sender = sender;
    }

    @Incoming(Topics.NOTIFICATION_REQUESTS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(CHANNEL, records, event -> pages.onRequested(event.as(NotificationRequested.class)))
                .invoke(sender::wake);
    }
}
