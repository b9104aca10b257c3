package io.tocsin.status.timeline.model;

/**
 * The response figures of one priority's incidents in a period, as PostgreSQL aggregates them: counts, and the
 * median and 90th percentile of the times to acknowledge and to resolve in milliseconds (null when none).
 */
public record ResponseSummary(String priority, long incidents, long acknowledged, long resolved,
                              Long ttaMedianMillis, Long ttaP90Millis, Long ttrMedianMillis, Long ttrP90Millis,
                              long acknowledgedWithinTarget) {
}
