package io.tocsin.escalation.schedule.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A rotation: ordered participants taking turns in shifts of {@code length} hours, days or weeks (or, for
 * {@link Type#CUSTOM}, seconds), starting at {@code start} in the schedule's time zone. Daily and weekly handoffs
 * are computed on the local calendar, so a 09:00 handoff stays at 09:00 local time across daylight-saving changes;
 * hourly and custom shifts are fixed durations.
 */
public record Rotation(Type type, int length, LocalDateTime start, List<String> participants) {

    public enum Type { HOURLY, DAILY, WEEKLY, CUSTOM }

    public Rotation {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1");
        }
        if (participants == null || participants.isEmpty()) {
            throw new IllegalArgumentException("a rotation needs participants");
        }
        participants = List.copyOf(participants);
    }

    /** The instant shift {@code k} begins (k may be negative: shifts before the start, for the maths only). */
    public Instant shiftStart(long k, ZoneId zone) {
        return switch (type) {
            case HOURLY -> start.atZone(zone).toInstant().plus(Duration.ofHours(k * length));
            case CUSTOM -> start.atZone(zone).toInstant().plus(Duration.ofSeconds(k * length));
            case DAILY -> start.plusDays(k * length).atZone(zone).toInstant();
            case WEEKLY -> start.plusWeeks(k * length).atZone(zone).toInstant();
        };
    }

    /** Index of the shift running at {@code at}: the largest k with shiftStart(k) <= at. */
    public long shiftIndex(Instant at, ZoneId zone) {
        Instant first = shiftStart(0, zone);
        long nominal = switch (type) {
            case HOURLY -> 3600L * length;
            case CUSTOM -> length;
            case DAILY -> 86400L * length;
            case WEEKLY -> 7 * 86400L * length;
        };
        long k = Math.floorDiv(Duration.between(first, at).getSeconds(), nominal);
        while (shiftStart(k, zone).isAfter(at)) {
            k--;
        }
        while (!shiftStart(k + 1, zone).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** Who is on shift at {@code at}; nobody before the rotation starts. */
    public String participantAt(Instant at, ZoneId zone) {
        if (at.isBefore(shiftStart(0, zone))) {
            return null;
        }
        return participants.get((int) Math.floorMod(shiftIndex(at, zone), (long) participants.size()));
    }
}
