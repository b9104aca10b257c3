package io.tocsin.events;

import java.time.Instant;

/**
 * The priority changed (with a reason); escalation switches to the new priority's policy.
 */
public record IncidentPriorityChanged(
        String service, Priority previousPriority, Priority priority, String summary, Instant respondBy, String reason,
        Actor actor) implements EventData {
}
