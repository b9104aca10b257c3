package io.tocsin.events;

import java.time.Instant;

/**
 * A resolved incident is open again, with a new response deadline; escalation starts over.
 */
public record IncidentReopened(
        String service, Priority priority, String summary, Instant respondBy, Actor actor) implements EventData {
}
