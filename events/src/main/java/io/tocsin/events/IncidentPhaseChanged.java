package io.tocsin.events;

/**
 * The response phase moved (detection, analysis, containment, ...).
 */
public record IncidentPhaseChanged(
        String service, Priority priority, String summary, Phase previousPhase, Phase phase, Actor actor) implements EventData {
}
