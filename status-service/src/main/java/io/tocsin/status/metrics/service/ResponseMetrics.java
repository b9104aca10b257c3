package io.tocsin.status.metrics.service;

import io.tocsin.events.Priority;
import io.tocsin.status.timeline.model.ResponseSummary;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Response metrics per priority: MTTA (trigger → first acknowledgement) and MTTR (trigger → resolve), each as
 * median and 90th percentile by the nearest-rank method, the share of incidents acknowledged within their response
 * target, and counts. The database aggregates ({@code IncidentRecordRepository.responseSummary}); this turns its rows
 * into what the API and the gauges show. Pure, tested in plain JUnit.
 */
public final class ResponseMetrics {

    /** Metrics of one priority; durations in seconds, null when there is nothing to measure. */
    public record PerPriority(Priority priority, int incidents, int acknowledged, int resolved,
                              Double mttaMedianSeconds, Double mttaP90Seconds, Double mttrMedianSeconds,
                              Double mttrP90Seconds, int acknowledgedWithinTarget, Double acknowledgedWithinTargetShare) {
    }

    private ResponseMetrics() {
    }

    /** Every priority, those without incidents in the period with zero counts and no durations. */
    public static Map<Priority, PerPriority> of(List<ResponseSummary> summaries) {
        Map<Priority, PerPriority> result = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            result.put(p, new PerPriority(p, 0, 0, 0, null, null, null, null, 0, null));
        }
        for (ResponseSummary s : summaries) {
            Priority p = Priority.valueOf(s.priority());
            int incidents = (int) s.incidents();
            int within = (int) s.acknowledgedWithinTarget();
            result.put(p, new PerPriority(p, incidents, (int) s.acknowledged(), (int) s.resolved(),
                    seconds(s.ttaMedianMillis()), seconds(s.ttaP90Millis()), seconds(s.ttrMedianMillis()),
                    seconds(s.ttrP90Millis()), within, incidents == 0 ? null : (double) within / incidents));
        }
        return result;
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
