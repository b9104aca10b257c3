package io.tocsin.events;

import java.time.Instant;

/**
 * An incident was marked a personal-data breach (GDPR Art. 33), or the time the organisation became aware of it was
 * corrected: the 72-hour clock runs from {@code awareAt} to {@code deadline}. {@code source} says whether a
 * classification rule ({@code rule} names it) or a person marked it. escalation-service runs the clock's reminders.
 */
public record PersonalDataBreachMarked(
        String service, Priority priority, String summary, Instant awareAt, Instant deadline, Source source,
        String rule, String note, Actor actor) implements EventData {

    public enum Source { RULE, MANUAL }
}
