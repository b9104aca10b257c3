package io.tocsin.status.metrics.rest;

import io.tocsin.events.Priority;
import io.tocsin.status.metrics.service.ResponseMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The internal chart's rows: human durations and bar widths relative to the slowest p90. */
class MetricsPageTest {

    @Test
    void barsAreScaledToTheSlowestP90() {
        List<MetricsPageResource.Row> rows = MetricsPageResource.rows(List.of(new ResponseMetrics.PerPriority(Priority.P1, 3, 3, 3, 600.0, 1200.0, 5400.0, 7200.0, 2, 2 / 3.0),
                        new ResponseMetrics.PerPriority(Priority.P2, 1, 1, 0, 300.0, 300.0, null, null, 1, 1.0)));
        assertEquals("10 min", rows.get(0).mtta().median());
        assertEquals(50, rows.get(0).mtta().medianWidth());
        assertEquals(100, rows.get(0).mtta().p90Width());
        assertEquals(25, rows.get(1).mtta().p90Width());
        assertEquals("1 h 30 min", rows.get(0).mttr().median());
        assertEquals("—", rows.get(1).mttr().median());
        assertEquals(0, rows.get(1).mttr().medianWidth());
        assertEquals("67 %", rows.get(0).withinTarget());
    }
}
