package io.tocsin.events;

import java.util.UUID;

/**
 * A notification left Tocsin (SMTP accepted the mail, or the webhook answered 2xx).
 */
public record NotificationDelivered(
        String deliveryId, UUID sourceEventId, String template, String audience, ContactMethod contact,
        String recipientName, int attempts) implements EventData {
}
