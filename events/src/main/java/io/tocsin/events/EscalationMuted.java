package io.tocsin.events;

/**
 * Paging for this incident is muted (e.g. a maintenance window); the reason says why nobody was paged.
 */
public record EscalationMuted(
        String service, Priority priority, String summary, String reason) implements EventData {
}
