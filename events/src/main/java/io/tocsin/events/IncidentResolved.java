package io.tocsin.events;

/** The incident is over; escalation stops and stakeholders hear about it. */
public record IncidentResolved(String service, Priority priority, Actor actor) implements EventData {
}
