package io.tocsin.notification.stakeholder.model;

import java.time.Instant;

/**
 * What a stakeholder mail tells about the incident (table incident_state). {@code publicAt} is null until a public
 * update was posted (until then status-service has no public page for it); names are display names, never addresses.
 */
public record IncidentFacts(String status, Instant triggeredAt, Instant resolvedAt, Instant lastUpdateAt,
                            String publicStatus, String publicMessage, Instant publicAt, String commanderName,
                            String commsLeadName, String assigneeName, String postmortemUrl) {
}
