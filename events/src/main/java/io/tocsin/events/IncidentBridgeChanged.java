package io.tocsin.events;

/** The incident's bridge (the meeting people join) was set or, with {@code bridgeUrl} null, removed. */
public record IncidentBridgeChanged(
        String service, Priority priority, String summary, String bridgeUrl, Actor actor) implements EventData {
}
