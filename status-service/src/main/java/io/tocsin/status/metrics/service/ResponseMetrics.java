package io.tocsin.status.metrics.service;

import io.tocsin.events.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Response metrics per priority: MTTA (trigger → first acknowledgement) and MTTR (trigger → resolve), each as
 * median and 90th percentile by the nearest-rank method (always a duration that really happened), the share of
 * incidents acknowledged within their response target, and counts. Pure, tested in plain JUnit.
 */
public final class ResponseMetrics {

    /** What the maths needs of one incident. {@code respondBy} null: the configured target applies. */
    public record Facts(Priority priority, Instant triggeredAt, Instant acknowledgedAt, Instant resolvedAt,
                        Instant respondBy) {
    }

    /** Metrics of one priority; durations in seconds, null when there is nothing to measure. */
    public record PerPriority(Priority priority, int incidents, int acknowledged, int resolved,
                              Double mttaMedianSeconds, Double mttaP90Seconds, Double mttrMedianSeconds,
                              Double mttrP90Seconds, int acknowledgedWithinTarget, Double acknowledgedWithinTargetShare) {
    }

    private ResponseMetrics() {
    }

    public static Map<Priority, PerPriority> compute(List<Facts> incidents, Function<Priority, Duration> targets) {
        Map<Priority, PerPriority> result = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            List<Facts> of = incidents.stream().filter(f -> f.priority() == p && f.triggeredAt() != null).toList();
            List<Long> tta = new ArrayList<>();
            List<Long> ttr = new ArrayList<>();
            int within = 0;
            for (Facts f : of) {
                if (f.acknowledgedAt() != null) {
                    tta.add(Math.max(0, Duration.between(f.triggeredAt(), f.acknowledgedAt()).toMillis()));
                    Instant deadline = f.respondBy() != null ? f.respondBy() : f.triggeredAt().plus(targets.apply(p));
                    if (!f.acknowledgedAt().isAfter(deadline)) {
                        within++;
                    }
                }
                if (f.resolvedAt() != null) {
                    ttr.add(Math.max(0, Duration.between(f.triggeredAt(), f.resolvedAt()).toMillis()));
                }
            }
            result.put(p, new PerPriority(p, of.size(), tta.size(), ttr.size(), seconds(quantile(tta, 0.5)),
                    seconds(quantile(tta, 0.9)), seconds(quantile(ttr, 0.5)), seconds(quantile(ttr, 0.9)), within,
                    of.isEmpty() ? null : (double) within / of.size()));
        }
        return result;
    }

    /** Nearest-rank quantile of {@code values} (millis), or null when empty. */
    static Long quantile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
