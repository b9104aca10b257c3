package io.tocsin.status.component.service;

import io.tocsin.status.component.model.ComponentStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Uptime bars from outage intervals. */
class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void noOutagesIsAllGreenAndOneHundredPercent() {
        List<Uptime.Day> days = Uptime.days(List.of(), NOW, 90);
        assertEquals(90, days.size());
        assertEquals(LocalDate.parse("2026-11-27"), days.get(89).date());
        assertEquals(LocalDate.parse("2026-08-30"), days.get(0).date());
        days.forEach(d -> assertEquals(ComponentStatus.OPERATIONAL, d.worst()));
        assertEquals("100.00", Uptime.percent(Uptime.overall(List.of(), NOW, 90)));
    }

    @Test
    void aSixHourMajorOutageTakesAQuarterOfItsDay() {
        Instant from = Instant.parse("2026-11-20T06:00:00Z");
        List<Uptime.Day> days = Uptime.days(List.of(new Uptime.Outage(from, from.plus(Duration.ofHours(6)),
                ComponentStatus.MAJOR_OUTAGE)), NOW, 90);
        Uptime.Day day = days.stream().filter(d -> d.date().equals(LocalDate.parse("2026-11-20"))).findFirst().orElseThrow();
        assertEquals(ComponentStatus.MAJOR_OUTAGE, day.worst());
        assertEquals(0.75, day.uptime(), 1e-9);
        assertEquals("75.00", day.percent());
    }

    @Test
    void anOutageAcrossMidnightColoursBothDays() {
        Instant from = Instant.parse("2026-11-24T22:00:00Z");
        List<Uptime.Day> days = Uptime.days(List.of(new Uptime.Outage(from, from.plus(Duration.ofHours(4)),
                ComponentStatus.MAJOR_OUTAGE)), NOW, 7);
        assertEquals(ComponentStatus.MAJOR_OUTAGE, days.get(3).worst());
        assertEquals(ComponentStatus.MAJOR_OUTAGE, days.get(4).worst());
        assertEquals(22.0 / 24, days.get(3).uptime(), 1e-9);
        assertEquals(22.0 / 24, days.get(4).uptime(), 1e-9);
    }

    @Test
    void overlappingOutagesCountOnceAndPartialOutagesOnlyColour() {
        Instant t = Instant.parse("2026-11-26T00:00:00Z");
        List<Uptime.Outage> outages = List.of(
                new Uptime.Outage(t, t.plus(Duration.ofHours(4)), ComponentStatus.MAJOR_OUTAGE),
                new Uptime.Outage(t.plus(Duration.ofHours(2)), t.plus(Duration.ofHours(6)), ComponentStatus.MAJOR_OUTAGE),
                new Uptime.Outage(t.plus(Duration.ofHours(10)), t.plus(Duration.ofHours(20)), ComponentStatus.PARTIAL_OUTAGE));
        Uptime.Day day = Uptime.days(outages, NOW, 2).get(0);
        assertEquals(ComponentStatus.MAJOR_OUTAGE, day.worst());
        assertEquals(18.0 / 24, day.uptime(), 1e-9);
    }

    @Test
    void anOngoingOutageCountsUntilNowOnly() {
        Instant from = Instant.parse("2026-11-27T06:00:00Z");
        List<Uptime.Day> days = Uptime.days(List.of(new Uptime.Outage(from, null, ComponentStatus.MAJOR_OUTAGE)), NOW, 1);
        assertEquals(0.5, days.get(0).uptime(), 1e-9);
    }

    @Test
    void aPartialOutageAloneLeavesUptimeWhole() {
        Instant from = Instant.parse("2026-11-27T06:00:00Z");
        List<Uptime.Day> days = Uptime.days(List.of(new Uptime.Outage(from, NOW, ComponentStatus.PARTIAL_OUTAGE)), NOW, 1);
        assertEquals(ComponentStatus.PARTIAL_OUTAGE, days.get(0).worst());
        assertEquals(1.0, days.get(0).uptime(), 1e-9);
    }

    @Test
    void theOverallPercentageIsRoundedDown() {
        // 90 days minus 12 h of today; a 10-minute outage.
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        double uptime = Uptime.overall(List.of(new Uptime.Outage(from, from.plus(Duration.ofMinutes(10)),
                ComponentStatus.MAJOR_OUTAGE)), NOW, 90);
        assertEquals("99.99", Uptime.percent(uptime));
        assertEquals("99.99", Uptime.percent(0.99999));
    }
}
