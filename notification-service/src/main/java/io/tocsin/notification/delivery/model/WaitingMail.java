package io.tocsin.notification.delivery.model;

import java.util.UUID;

/**
 * A stakeholder mail waiting in its burst window (state WAITING), as settling the window needs it: {@code facts} is
 * the mail's view as JSON, {@code due} whether it has waited the whole window.
 */
public record WaitingMail(UUID id, UUID incidentId, String recipientId, String recipientName, String facts,
                          boolean due) {
}
