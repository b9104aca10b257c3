package io.tocsin.status.timeline.service;

import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.TimelineEntry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Folds an incident's timeline entries into its current state. The entries are sorted by event time (then kind,
 * then event id) before folding, so the result depends only on the SET of events, never on the order Kafka
 * delivered them in: a resolve that arrived before its trigger gives the same state once both are in.
 */
public final class IncidentProjection {

    /** The folded state; null fields are unknown so far. */
    public record State(String service, String priority, String summary, IncidentRecord.Status status, String phase,
                        Instant triggeredAt, Instant acknowledgedAt, Instant resolvedAt, Instant respondBy,
                        int alertCount) {
    }

    /** Time order, then kind order (a trigger before an acknowledge at the same instant), then event id. */
    public static final Comparator<TimelineEntry> ORDER = Comparator
            .comparing((TimelineEntry e) -> e.at)
            .thenComparing(e -> e.kind)
            .thenComparing(e -> e.eventId);

    private IncidentProjection() {
    }

    public static State fold(List<TimelineEntry> entries) {
        String service = null;
        String priority = null;
        String summary = null;
        IncidentRecord.Status status = null;
        String phase = null;
        Instant triggeredAt = null;
        Instant acknowledgedAt = null;
        Instant resolvedAt = null;
        Instant respondBy = null;
        int alertCount = 0;
        for (TimelineEntry e : entries.stream().sorted(ORDER).toList()) {
            if (e.service != null) {
                service = e.service;
            }
            if (e.priority != null) {
                priority = e.priority;
            }
            if (e.summary != null) {
                summary = e.summary;
            }
            switch (e.kind) {
                case TRIGGERED -> {
                    triggeredAt = earliest(triggeredAt, e.at);
                    if (status == null) {
                        status = IncidentRecord.Status.TRIGGERED;
                    }
                    respondBy = e.respondBy != null ? e.respondBy : respondBy;
                    alertCount = Math.max(alertCount, 1);
                }
                case ALERT_APPENDED -> alertCount = Math.max(alertCount, e.alertCount == null ? 1 : e.alertCount);
                case ACKNOWLEDGED -> {
                    // The first acknowledgement counts for MTTA; a late one never reopens a resolved incident.
                    acknowledgedAt = earliest(acknowledgedAt, e.at);
                    if (status != IncidentRecord.Status.RESOLVED) {
                        status = IncidentRecord.Status.ACKNOWLEDGED;
                    }
                }
                case RESOLVED -> {
                    status = IncidentRecord.Status.RESOLVED;
                    resolvedAt = e.at;
                    triggeredAt = earliest(triggeredAt, e.triggeredAt);
                    acknowledgedAt = earliest(acknowledgedAt, e.acknowledgedAt);
                }
                case REOPENED -> {
                    status = IncidentRecord.Status.TRIGGERED;
                    resolvedAt = null;
                    respondBy = e.respondBy != null ? e.respondBy : respondBy;
                }
                case PRIORITY_CHANGED -> respondBy = e.respondBy != null ? e.respondBy : respondBy;
                case PHASE_CHANGED -> phase = e.phase;
                default -> {
                    // Escalation, notification, notes and public updates do not change the incident's state.
                }
            }
        }
        if (triggeredAt != null && status != null) {
            alertCount = Math.max(alertCount, 1);
        }
        return new State(service, priority, summary, status, phase, triggeredAt, acknowledgedAt, resolvedAt, respondBy,
                alertCount);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
