package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleTest {

    @Test
    void requestsFallDueEvenlyFromTheStart() {
        Schedule s = new Schedule(1000, 60);
        assertEquals(60_000, s.total());
        assertEquals(0, s.offsetNanos(0));
        assertEquals(1_000_000, s.offsetNanos(1));
        assertEquals(59_999_000_000L, s.offsetNanos(59_999));
        assertEquals(60_000_000_000L, s.durationNanos());
    }

    @Test
    void aRateThatDoesNotDivideASecondIsNeverLateAndNeverDrifts() {
        Schedule s = new Schedule(3, 10);
        assertEquals(333_333_333, s.offsetNanos(1));
        assertEquals(666_666_666, s.offsetNanos(2));
        assertEquals(1_000_000_000, s.offsetNanos(3));
        // the 30th request (i = 29) after 9⅔ s, not 29 rounded intervals of 333 ms
        assertEquals(9_666_666_666L, s.offsetNanos(29));
    }

    @Test
    void noOverflowAtTheHighestRatesAndLongestRuns() {
        Schedule s = new Schedule(10_000, 600);
        assertEquals(599_999_900_000L, s.offsetNanos(s.total() - 1));
    }

    @Test
    void dueByCountsExactlyTheRequestsWhoseOffsetHasPassed() {
        for (int rate : new int[] {1, 3, 7, 250, 1000, 2500}) {
            Schedule s = new Schedule(rate, 3);
            for (long t = -5; t < 3_100_000_000L; t += 9_999_991) {
                int expected = 0;
                while (expected < s.total() && s.offsetNanos(expected) <= t) {
                    expected++;
                }
                assertEquals(expected, s.dueBy(t), "rate " + rate + " at " + t + " ns");
            }
            // and right at each due time, and a nanosecond before it
            for (int i = 1; i < s.total(); i++) {
                assertEquals(i + 1, s.dueBy(s.offsetNanos(i)));
                assertEquals(i, s.dueBy(s.offsetNanos(i) - 1));
            }
        }
    }

    @Test
    void aScheduleNeedsARateAndADuration() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 60));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(100, 0));
    }
}
