package io.tocsin.events;

/**
 * A person named in an event that travels beyond the service that reaches them: their id (the OIDC subject for
 * responders, the member id for stakeholders) and display name, never an address. Only NotificationRequested, which
 * notification-service needs to deliver, carries addresses ({@link Recipient}, {@link ContactMethod}).
 */
public record PersonRef(String id, String name) {
}
