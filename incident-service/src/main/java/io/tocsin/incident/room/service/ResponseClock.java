package io.tocsin.incident.room.service;

import java.time.Duration;
import java.time.Instant;

/**
 * The response-target clock as the room shows it: time left to acknowledge, how late a missed target is, or how the
 * target went. Pure; the page's script keeps a running clock ticking between renders.
 */
public final class ResponseClock {

    /** {@code state}: running, breached, met or late; {@code ticking}: the page counts it down (or up). */
    public record Reading(String state, String text, boolean ticking) {
    }

    private ResponseClock() {
    }

    public static Reading read(String status, Instant respondBy, Instant acknowledgedAt, Instant now) {
        if (acknowledgedAt == null && !"RESOLVED".equals(status)) {
            if (now.isBefore(respondBy)) {
                return new Reading("running", span(Duration.between(now, respondBy)) + " left to acknowledge", true);
            }
            return new Reading("breached", "Response target missed by " + span(Duration.between(respondBy, now)), true);
        }
        String prefix = "RESOLVED".equals(status) ? "Resolved; " : "";
        if (acknowledgedAt == null) {
            return new Reading("late", prefix + "never acknowledged", false);
        }
        if (!acknowledgedAt.isAfter(respondBy)) {
            return new Reading("met", prefix + "acknowledged within the response target", false);
        }
        return new Reading("late", prefix + "acknowledged " + span(Duration.between(respondBy, acknowledgedAt))
                + " after the response target", false);
    }

    /** "42 s", "12 min", "3 h 05 min", "2 d 4 h". */
    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + String.format("%02d", s % 3600 / 60) + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }
}
