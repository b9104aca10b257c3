package io.tocsin.events;

import java.time.Instant;
import java.util.List;

/**
 * A new incident was opened. Carries everything escalation and notification need to page
 * (service, priority, response deadline, summary, links) so no consumer calls incident-service back.
 */
public record IncidentTriggered(
        String service, Priority priority, String severity, String summary, String source, String dedupKey,
        Instant respondBy, List<Link> links, Actor actor) implements EventData {
}
