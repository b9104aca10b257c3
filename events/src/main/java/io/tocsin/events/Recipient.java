package io.tocsin.events;

/**
 * A person to notify, with what a notifier needs to reach and address them without calling back:
 * their id (the OIDC subject for responders), name, email, IANA time zone and locale (e.g. "en", "de").
 */
public record Recipient(String id, String name, String email, String timeZone, String locale) {
}
