package io.tocsin.events;

import java.time.Instant;

/**
 * Still unacknowledged when the response target passed.
 */
public record ResponseTargetBreached(
        String service, Priority priority, String summary, Instant respondBy) implements EventData {
}
