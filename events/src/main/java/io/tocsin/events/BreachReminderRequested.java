package io.tocsin.events;

import java.time.Instant;

/**
 * escalation-service asks notification-service to remind the data-protection audience of a personal-data breach's
 * GDPR Art. 33 clock: {@code hoursSinceAwareness} (24, 48, 66) have passed since {@code awareAt} without a recorded
 * decision, or ({@code overdue}, 72) the deadline passed. {@code commander}: who leads the response, id and name only.
 */
public record BreachReminderRequested(
        String service, Priority priority, String summary, Instant awareAt, Instant deadline,
        int hoursSinceAwareness, boolean overdue, PersonRef commander) implements EventData {
}
