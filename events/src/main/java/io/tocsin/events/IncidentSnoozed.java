package io.tocsin.events;

import java.time.Instant;

/**
 * Escalation pauses until {@code snoozedUntil}, then resumes if the incident is still unacknowledged.
 */
public record IncidentSnoozed(
        String service, Priority priority, String summary, Instant snoozedUntil, Actor actor) implements EventData {
}
