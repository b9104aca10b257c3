package io.tocsin.notification.shared.service;

import io.tocsin.events.Priority;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The rendering choices every mail shares (pages, stakeholder updates, clock mails), as plain functions: subject
 * line, language, time left to the response target and the deadline in the recipient's time zone. Templates only
 * lay these out.
 */
public final class MailContent {

    /** Languages with templates; anything else falls back to English. */
    public enum Language { EN, DE }

    private MailContent() {
    }

    /** {@code [P1] checkout-api: error rate 45%}. */
    public static String subject(Priority priority, String service, String summary) {
        return "[" + priority + "] " + MailHeaders.line(service) + ": " + oneLine(summary);
    }

    /** German for locales starting with "de" (de, de-CH, de_AT), English otherwise (including none). */
    public static Language language(String locale) {
        return locale != null && locale.trim().toLowerCase(Locale.ROOT).matches("de([-_].*)?") ? Language.DE : Language.EN;
    }

    /** "12 min left", "1 h 5 min left", "overdue by 3 min" (or the German equivalents), at {@code now}. */
    public static String timeLeft(Instant now, Instant respondBy, Language language) {
        if (respondBy == null) {
            return language == Language.DE ? "kein Antwortziel" : "no response target";
        }
        Duration left = Duration.between(now, respondBy);
        boolean overdue = left.isNegative();
        // Round up while time remains (never claim less time than there is), down once overdue.
        long minutes = overdue ? left.abs().toMinutes() : (left.toSeconds() + 59) / 60;
        String amount = minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
        if (language == Language.DE) {
            return overdue ? "seit " + amount + " überfällig" : "noch " + amount;
        }
        return overdue ? "overdue by " + amount : amount + " left";
    }

    /** The deadline as the recipient reads it, e.g. {@code 10:15 (Europe/Berlin)}; UTC for an unknown zone. */
    public static String localTime(Instant instant, String timeZone) {
        if (instant == null) {
            return "";
        }
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant) + " (" + zone.getId() + ")";
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : MailHeaders.line(text);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
