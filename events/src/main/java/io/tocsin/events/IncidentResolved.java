package io.tocsin.events;

import java.time.Instant;

/**
 * The incident is over; escalation stops and stakeholders hear about it.
 */
public record IncidentResolved(
        String service, Priority priority, String summary, Instant triggeredAt, Instant acknowledgedAt, Actor actor) implements EventData {
}
