package io.tocsin.events;

/**
 * Someone took the incident; escalation stops. {@code assignee} is who owns it now.
 */
public record IncidentAcknowledged(
        String service, Priority priority, String summary, Actor assignee, Actor actor) implements EventData {
}
