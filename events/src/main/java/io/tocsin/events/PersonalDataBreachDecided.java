package io.tocsin.events;

import java.time.Instant;

/**
 * The decision on a personal-data breach was recorded (or amended: {@code amended}): whether the supervisory
 * authority is notified (when, which authority, its reference), the reasoning, and whether the data subjects are
 * informed under Art. 34. {@code decidedAt} is when the first decision was recorded; {@code deadlineMet} whether it
 * (and, when notifying, the notification) came within 72 hours of {@code awareAt}. It stops the clock's reminders.
 */
public record PersonalDataBreachDecided(
        String service, Priority priority, String summary, Instant awareAt, Instant deadline, Instant decidedAt,
        boolean notifyAuthority, Instant authorityNotifiedAt, String authority, String reference, String reasoning,
        boolean dataSubjectsInformed, Instant dataSubjectsInformedAt, boolean deadlineMet, boolean amended,
        Actor actor) implements EventData {
}
