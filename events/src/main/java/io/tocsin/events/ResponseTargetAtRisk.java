package io.tocsin.events;

import java.time.Instant;

/**
 * Still unacknowledged at {@code percent} % of the response target.
 */
public record ResponseTargetAtRisk(
        String service, Priority priority, String summary, Instant respondBy, int percent) implements EventData {
}
