package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest {

    private static String print(Summary summary) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.trim().startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(
                "no line starting with " + start + " in\n" + text));
    }

    @Test
    void intakeDividedByPgbenchWhenTheOneKeyRunHeldItsP99() {
        Summary s = new Summary();
        s.oneKey = new IntakeBench.Outcome("one-key", 1000, 60, 999.5, 42, 0, true, true, null);
        s.pgbenchTps = 12_500.0;
        String text = print(s);
        assertTrue(line(text, "intake ÷ pgbench").contains("1000 ÷ 12500 = 0.080"), text);
        assertTrue(line(text, "intake, one dedup key").endsWith("met"), text);
    }

    @Test
    void noRatioFromARunThatMissedItsP99OrAnsweredAnythingBut202() {
        Summary s = new Summary();
        s.pgbenchTps = 12_500.0;
        s.oneKey = new IntakeBench.Outcome("one-key", 1000, 60, 990, 180, 0, true, true, null);
        assertTrue(line(print(s), "intake ÷ pgbench").contains("did not hold"));
        assertTrue(line(print(s), "intake, one dedup key").endsWith("NOT MET"));

        s.oneKey = new IntakeBench.Outcome("one-key", 1000, 60, 990, 40, 12, true, true, null);
        assertTrue(line(print(s), "intake ÷ pgbench").contains("did not hold"));
    }

    @Test
    void aPageTwiceOrALowerRateIsNotMet() {
        Summary s = new Summary();
        s.hundredKeys = new IntakeBench.Outcome("100-keys", 1000, 60, 1000, 20, 0, true, false, null);
        assertTrue(line(print(s), "intake, 100 dedup keys").endsWith("NOT MET"));
        s.hundredKeys = new IntakeBench.Outcome("100-keys", 500, 60, 500, 20, 0, true, true, null);
        assertTrue(line(print(s), "intake, 100 dedup keys").endsWith("NOT MET"), "500/s is not the 1,000/s target");
    }

    @Test
    void memoryAndIdleAgainstTheirLimits() {
        Summary s = new Summary();
        s.memory = new Memory.Figures(Map.of("incident-service", 290L * 1024, "notification-service", 310L * 1024),
                1500L * 1024);
        s.idle = Map.of("incident-service", 0.4, "status-service", 2.5);
        String text = print(s);
        assertTrue(line(text, "every service ≤ 300 MB RSS").contains("notification-service 310 MB"), text);
        assertTrue(line(text, "every service ≤ 300 MB RSS").endsWith("NOT MET"), text);
        assertTrue(line(text, "whole stack ≤ 1.6 GB PSS").endsWith("met"), text);
        assertTrue(line(text, "an idle service").contains("status-service 2.5 %"), text);
        assertTrue(line(text, "an idle service").endsWith("NOT MET"), text);
    }
}
