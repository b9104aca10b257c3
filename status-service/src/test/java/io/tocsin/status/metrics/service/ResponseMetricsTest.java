package io.tocsin.status.metrics.service;

import io.tocsin.events.Priority;
import io.tocsin.status.timeline.model.ResponseSummary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** From the database's aggregate rows to what the API and the gauges show (the aggregates: MetricsTest). */
class ResponseMetricsTest {

    @Test
    void durationsInSecondsAndTheShareWithinTarget() {
        ResponseMetrics.PerPriority m = ResponseMetrics.of(List.of(
                new ResponseSummary("P1", 10, 9, 8, 600_000L, 1_080_500L, 9_000_000L, 16_200_000L, 7))).get(Priority.P1);
        assertEquals(10, m.incidents());
        assertEquals(9, m.acknowledged());
        assertEquals(8, m.resolved());
        assertEquals(600.0, m.mttaMedianSeconds());
        assertEquals(1080.5, m.mttaP90Seconds());
        assertEquals(9000.0, m.mttrMedianSeconds());
        assertEquals(16200.0, m.mttrP90Seconds());
        assertEquals(7, m.acknowledgedWithinTarget());
        assertEquals(0.7, m.acknowledgedWithinTargetShare(), 1e-9);
    }

    @Test
    void nothingAcknowledgedHasNoDurationsAndAShareOfZero() {
        ResponseMetrics.PerPriority m = ResponseMetrics.of(List.of(
                new ResponseSummary("P2", 2, 0, 0, null, null, null, null, 0))).get(Priority.P2);
        assertEquals(2, m.incidents());
        assertNull(m.mttaMedianSeconds());
        assertNull(m.mttrP90Seconds());
        assertEquals(0.0, m.acknowledgedWithinTargetShare());
    }

    @Test
    void aPriorityWithoutIncidentsHasZeroCountsAndNoDurations() {
        Map<Priority, ResponseMetrics.PerPriority> all = ResponseMetrics.of(List.of(
                new ResponseSummary("P1", 1, 1, 1, 1000L, 1000L, 2000L, 2000L, 1)));
        assertEquals(4, all.size());
        assertEquals(0, all.get(Priority.P4).incidents());
        assertNull(all.get(Priority.P4).mttaMedianSeconds());
        assertNull(all.get(Priority.P4).acknowledgedWithinTargetShare());
    }
}
