package io.tocsin.events;

import java.util.UUID;

/**
 * A notification left Tocsin (SMTP accepted the mail, or the webhook answered 2xx). Version 2 names the recipient
 * by id and name and the channel only: addresses and webhook URLs (credentials) stay in notification-service.
 * Version 1 carried a {@code contact} with the address; consumers ignore it.
 */
public record NotificationDelivered(
        String deliveryId, UUID sourceEventId, String template, String audience, String recipientId,
        String recipientName, ContactMethod.Kind channel, int attempts) implements EventData {
}
