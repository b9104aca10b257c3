package io.tocsin.incident.lifecycle.model;

import java.util.Set;

/** A list query; null fields do not filter. {@code after} is an opaque cursor from a previous page. */
public record IncidentFilter(Set<Incident.Status> statuses, String assigneeId, Set<String> priorities, String service,
                             String after, int limit) {
}
