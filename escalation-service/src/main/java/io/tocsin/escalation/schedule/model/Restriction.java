package io.tocsin.escalation.schedule.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A time-of-day window on some weekdays, in the schedule's time zone, during which a layer applies (follow the
 * sun). A window whose {@code to} is not after {@code from} runs over midnight into the next day; {@code from}
 * equal to {@code to} is a whole day starting at {@code from}. {@code days} are the days the window starts on.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public Restriction {
        days = Set.copyOf(days);
    }

    public boolean overnight() {
        return !to.isAfter(from);
    }

    public boolean contains(ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (!overnight()) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        return (days.contains(day) && !time.isBefore(from)) || (days.contains(day.minus(1)) && time.isBefore(to));
    }
}
