package io.tocsin.events;

/** Someone took the incident; escalation stops. */
public record IncidentAcknowledged(String service, Priority priority, Actor actor) implements EventData {
}
