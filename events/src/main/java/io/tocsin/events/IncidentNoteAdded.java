package io.tocsin.events;

/**
 * A responder's note. Internal: never shown on a public page.
 */
public record IncidentNoteAdded(
        String service, Priority priority, String summary, String note, Actor actor) implements EventData {
}
