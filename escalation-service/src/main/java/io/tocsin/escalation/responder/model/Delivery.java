package io.tocsin.escalation.responder.model;

import io.tocsin.events.ContactMethod;

/** One way to reach a responder, after {@code delaySeconds} if the incident is still unacknowledged. */
public record Delivery(ContactMethod contact, long delaySeconds) {
}
