package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCpuTest {

    @Test
    void readsUtimeStimeAndStartTimeAfterTheCommandName() {
        String stat = "13954 (cat) R 13951 13951 1705 0 -1 4194304 98 0 0 0 250 31 7 9 20 0 1 0 100955 3133440 359 "
                + "18446744073709551615 93889515233280 0 0";
        ProcCpu.Sample s = ProcCpu.parse(13954, stat);
        assertEquals(281, s.cpuTicks(), "utime 250 + stime 31; the children's 7 and 9 are not this process's");
        assertEquals(100955, s.startTicks());
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (java (main) x) S 1 77 77 0 -1 4194560 5 0 0 0 1200 300 0 0 20 0 40 0 4242 1 1 1";
        ProcCpu.Sample s = ProcCpu.parse(77, stat);
        assertEquals(1500, s.cpuTicks());
        assertEquals(4242, s.startTicks());
    }

    @Test
    void thisJvmHasUsedSomeCpu() {
        assertTrue(ProcCpu.selfNanos() > 0);
        assertTrue(ProcCpu.ticksPerSecond() > 0);
    }

    @Test
    void aGroupCountsWhatItsProcessesUsedBetweenTwoReadings() {
        long before = 10_000;
        Map<Long, ProcCpu.Sample> from = Map.of(
                1L, new ProcCpu.Sample(1, 500, 100),
                2L, new ProcCpu.Sample(2, 600, 40),
                3L, new ProcCpu.Sample(3, 700, 5));
        Map<Long, ProcCpu.Sample> to = Map.of(
                1L, new ProcCpu.Sample(1, 500, 130),       // same process: +30
                2L, new ProcCpu.Sample(2, 10_050, 4),      // pid 2 reused by a process started since: all its 4
                4L, new ProcCpu.Sample(4, 10_100, 2),      // a new backend: all its 2
                5L, new ProcCpu.Sample(5, 900, 1000));     // older than the first reading but not seen then: not counted
        // pid 3 ended in between: its last ticks are lost, which is the documented limit
        assertEquals(36, StackCpu.ticksUsed(from, to, before));
    }
}
