package io.tocsin.incident.lifecycle.model;

import java.util.List;

/** One page of a list query, newest first; {@code nextCursor} is null on the last page. */
public record IncidentPage(List<Incident> items, String nextCursor) {
}
