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
        assertEquals(100, p.p999());
        assertEquals(100, p.max());
    }

    @Test
    void p999OfAThousandIsTheSecondLargest() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 1000).mapToDouble(i -> i).toArray());
        assertEquals(990, p.p99());
        assertEquals(999, p.p999());
        assertEquals(1000, p.max());
    }

    @Test
    void p999SeesTheWorstTenOfTenThousand() {
        double[] values = IntStream.range(0, 10_000).mapToDouble(i -> i < 9_990 ? 5 : 900).toArray();
        Percentiles p = Percentiles.of(values);
        assertEquals(5, p.p99());
        assertEquals(5, p.p999(), "the 9,990th value is the last fast one");
        values[9_989] = 900;
        assertEquals(900, Percentiles.of(values).p999());
    }

    @Test
    void oneSlowOutlierShowsInTheTailNotTheMedian() {
        Percentiles p = Percentiles.of(List.of(40.0, 42.0, 41.0, 2900.0, 43.0));
        assertEquals(42, p.p50());
        assertEquals(2900, p.p90());
        assertEquals(2900, p.max());
    }

    @Test
    void subMillisecondFiguresKeepADecimal() {
        assertEquals("0.4", Percentiles.ms(0.43));
        assertEquals("9.9", Percentiles.ms(9.94));
        assertEquals("154", Percentiles.ms(153.6));
    }

    @Test
    void nothingMeasuredIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(List.of()));
    }
}
