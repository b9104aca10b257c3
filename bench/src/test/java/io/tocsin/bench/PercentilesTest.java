package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList());
        assertEquals(1, p.min());
        assertEquals(50, p.p50());
        assertEquals(90, p.p90());
        assertEquals(99, p.p99());
        assertEquals(100, p.max());
    }

    @Test
    void oneSlowOutlierShowsInTheTailNotTheMedian() {
        Percentiles p = Percentiles.of(List.of(40.0, 42.0, 41.0, 2900.0, 43.0));
        assertEquals(42, p.p50());
        assertEquals(2900, p.p90());
        assertEquals(2900, p.max());
    }

    @Test
    void nothingMeasuredIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of()));
    }
}
