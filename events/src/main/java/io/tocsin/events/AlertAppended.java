package io.tocsin.events;

import java.time.Instant;

/**
 * More alerts arrived for an open incident (throttled: not one event per alert).
 */
public record AlertAppended(
        String service, Priority priority, String summary, int alertCount, Instant lastSeenAt, Actor actor) implements EventData {
}
