package io.tocsin.events;

import java.util.UUID;

/**
 * A notification could not be delivered; {@code permanent} when it will not be retried. Like
 * {@link NotificationDelivered} (version 2), it names no address, and {@code reason} names none either.
 */
public record NotificationFailed(
        String deliveryId, UUID sourceEventId, String template, String audience, String recipientId,
        String recipientName, ContactMethod.Kind channel, int attempts, boolean permanent, String reason)
        implements EventData {
}
