package io.tocsin.events;

/**
 * A piece of evidence was attached to an incident: a file stored by incident-service ({@code sizeBytes} and
 * {@code mediaType} set) or a link with the content hash its adder vouched for ({@code url} set). {@code sha256} is
 * hex. The content itself never travels in events.
 */
public record EvidenceAdded(
        String service, Priority priority, String summary, String evidenceId, Kind kind, String name,
        String description, String mediaType, Long sizeBytes, String url, String sha256, Actor actor) implements EventData {

    public enum Kind { FILE, LINK }
}
