package io.tocsin.notification.stakeholder.model;

import io.tocsin.events.Priority;

/** The part of the incident read model a public update needs (public updates carry no priority). */
public record KnownIncident(String service, Priority priority, String summary) {
}
