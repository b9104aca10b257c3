package io.tocsin.status.metrics.service;

import io.tocsin.events.Priority;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** MTTA / MTTR maths with known timestamps. */
class ResponseMetricsTest {

    private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    private static ResponseMetrics.Facts p1(int ackMinutes, int resolveMinutes) {
        return new ResponseMetrics.Facts(Priority.P1, T, T.plus(Duration.ofMinutes(ackMinutes)),
                T.plus(Duration.ofMinutes(resolveMinutes)), T.plus(Duration.ofMinutes(15)));
    }

    @Test
    void medianAndP90ByNearestRank() {
        List<ResponseMetrics.Facts> facts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            facts.add(p1(i * 2, i * 30)); // acks 2..20 min, resolves 30..300 min
        }
        ResponseMetrics.PerPriority m = ResponseMetrics.compute(facts, p -> Duration.ofMinutes(15)).get(Priority.P1);
        assertEquals(10, m.incidents());
        assertEquals(10, m.acknowledged());
        assertEquals(10, m.resolved());
        assertEquals(600.0, m.mttaMedianSeconds());   // 5th of 10: 10 min
        assertEquals(1080.0, m.mttaP90Seconds());     // 9th of 10: 18 min
        assertEquals(9000.0, m.mttrMedianSeconds());  // 150 min
        assertEquals(16200.0, m.mttrP90Seconds());    // 270 min
        assertEquals(7, m.acknowledgedWithinTarget()); // 2..14 min within 15
        assertEquals(0.7, m.acknowledgedWithinTargetShare(), 1e-9);
    }

    @Test
    void unacknowledgedIncidentsCountAgainstTheTargetAndOpenOnesHaveNoMttr() {
        List<ResponseMetrics.Facts> facts = List.of(
                new ResponseMetrics.Facts(Priority.P2, T, null, null, null),
                new ResponseMetrics.Facts(Priority.P2, T, T.plus(Duration.ofMinutes(61)), null, null));
        ResponseMetrics.PerPriority m = ResponseMetrics.compute(facts, p -> Duration.ofHours(1)).get(Priority.P2);
        assertEquals(2, m.incidents());
        assertEquals(1, m.acknowledged());
        assertEquals(0, m.resolved());
        assertEquals(3660.0, m.mttaMedianSeconds());
        assertNull(m.mttrMedianSeconds());
        assertEquals(0.0, m.acknowledgedWithinTargetShare());
    }

    @Test
    void anEmptyPriorityHasCountsButNoDurations() {
        Map<Priority, ResponseMetrics.PerPriority> all = ResponseMetrics.compute(List.of(), p -> Duration.ZERO);
        assertEquals(4, all.size());
        assertEquals(0, all.get(Priority.P4).incidents());
        assertNull(all.get(Priority.P4).mttaMedianSeconds());
        assertNull(all.get(Priority.P4).acknowledgedWithinTargetShare());
    }
}
