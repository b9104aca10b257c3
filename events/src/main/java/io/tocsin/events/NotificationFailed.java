package io.tocsin.events;

import java.util.UUID;

/**
 * A notification could not be delivered; {@code permanent} when it will not be retried.
 */
public record NotificationFailed(
        String deliveryId, UUID sourceEventId, String template, String audience, ContactMethod contact,
        String recipientName, int attempts, boolean permanent, String reason) implements EventData {
}
