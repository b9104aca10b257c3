package io.tocsin.events;

/**
 * The incident has a new assignee.
 */
public record IncidentAssigned(
        String service, Priority priority, String summary, Actor assignee, Actor actor) implements EventData {
}
