package io.tocsin.status.component.service;

import io.tocsin.status.component.model.ComponentStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Uptime bars: per UTC day, the worst status any outage interval reached and the share of the day without a
 * major outage. Only major outages count as downtime (a partial outage or degraded performance colours the bar
 * but the service was up); overlapping intervals count once. Pure, tested in plain JUnit.
 */
public final class Uptime {

    /** One outage: from, to (null while ongoing), and how bad it was. */
    public record Outage(Instant from, Instant to, ComponentStatus level) {
    }

    /** One bar: a UTC day, its worst status and its uptime (0..1). */
    public record Day(LocalDate date, ComponentStatus worst, double uptime) {

        /** Uptime as a percentage with two decimals, for people. */
        public String percent() {
            return Uptime.percent(uptime);
        }
    }

    private Uptime() {
    }

    /** The last {@code days} UTC days up to and including today's (counted only until {@code now}). */
    public static List<Day> days(List<Outage> outages, Instant now, int days) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Day> result = new ArrayList<>(days);
        for (int i = days - 1; i >= 0; i--) {
            LocalDate date = today.minusDays(i);
            Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = i == 0 ? now : start.plus(Duration.ofDays(1));
            ComponentStatus worst = ComponentStatus.OPERATIONAL;
            for (Outage o : outages) {
                if (overlaps(o, start, end, now)) {
                    worst = StatusRules.worst(worst, o.level());
                }
            }
            long total = Duration.between(start, end).toMillis();
            long down = majorDowntime(outages, start, end, now).toMillis();
            result.add(new Day(date, worst, total <= 0 ? 1.0 : 1.0 - (double) down / total));
        }
        return result;
    }

    /** Uptime over the whole period the bars cover. */
    public static double overall(List<Outage> outages, Instant now, int days) {
        Instant start = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1L).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        long total = Duration.between(start, now).toMillis();
        long down = majorDowntime(outages, start, now, now).toMillis();
        return total <= 0 ? 1.0 : 1.0 - (double) down / total;
    }

    /** "99.95" (two decimals, rounded down so a short outage never shows as 100.00). */
    public static String percent(double uptime) {
        double floored = Math.floor(uptime * 10_000) / 100.0;
        return String.format(java.util.Locale.ROOT, "%.2f", floored);
    }

    /** Length of the union of major-outage intervals within [start, end). */
    static Duration majorDowntime(List<Outage> outages, Instant start, Instant end, Instant now) {
        List<Instant[]> clipped = outages.stream()
                .filter(o -> o.level() == ComponentStatus.MAJOR_OUTAGE && overlaps(o, start, end, now))
                .map(o -> new Instant[]{max(o.from(), start), min(o.to() == null ? now : o.to(), end)})
                .sorted(Comparator.comparing((Instant[] i) -> i[0]))
                .toList();
        Duration total = Duration.ZERO;
        Instant curStart = null;
        Instant curEnd = null;
        for (Instant[] i : clipped) {
            if (curEnd == null || i[0].isAfter(curEnd)) {
                if (curEnd != null) {
                    total = total.plus(Duration.between(curStart, curEnd));
                }
                curStart = i[0];
                curEnd = i[1];
            } else if (i[1].isAfter(curEnd)) {
                curEnd = i[1];
            }
        }
        if (curEnd != null) {
            total = total.plus(Duration.between(curStart, curEnd));
        }
        return total;
    }

    private static boolean overlaps(Outage o, Instant start, Instant end, Instant now) {
        Instant to = o.to() == null ? now : o.to();
        return o.from().isBefore(end) && to.isAfter(start);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
