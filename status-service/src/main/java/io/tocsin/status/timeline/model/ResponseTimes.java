package io.tocsin.status.timeline.model;

import java.time.Instant;

/** The moments of one incident that response metrics are made of, read without loading the whole row. */
public record ResponseTimes(String priority, Instant triggeredAt, Instant acknowledgedAt, Instant resolvedAt,
                            Instant respondBy) {
}
