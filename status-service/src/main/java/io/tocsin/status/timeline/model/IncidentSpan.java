package io.tocsin.status.timeline.model;

import io.tocsin.events.Priority;

import java.time.Instant;

/**
 * When one incident of a service was open, and how bad it was: what component statuses and uptime bars are made of.
 * {@code resolvedAt} is null while the incident is open; {@code triggeredAt} is null when its trigger never arrived.
 */
public record IncidentSpan(String service, Priority priority, Instant triggeredAt, Instant resolvedAt, boolean open) {
}
