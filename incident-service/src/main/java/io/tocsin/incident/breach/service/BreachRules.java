package io.tocsin.incident.breach.service;

import io.tocsin.incident.breach.model.PersonalDataBreach;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The GDPR Art. 33 clock as plain rules: the deadline, which awareness times and decisions are acceptable, whether a
 * decision met the deadline, and the sentences the timeline records. Pure, tested case by case in plain JUnit.
 */
public final class BreachRules {

    /** Art. 33(1): notify the supervisory authority "not later than 72 hours after having become aware of it". */
    public static final Duration DEADLINE = Duration.ofHours(72);

    /** A phone's clock may run a little ahead of ours: a time up to this far in the future is not refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** What a commander records: the decision on notifying the authority (Art. 33) and the data subjects (Art. 34). */
    public record Decision(boolean notifyAuthority, Instant authorityNotifiedAt, String authority, String reference,
                           String reasoning, boolean dataSubjectsInformed, Instant dataSubjectsInformedAt) {

        /** Blank optional texts are absent, times to the microsecond the database keeps. */
        public Decision normalized() {
            return new Decision(notifyAuthority, micros(authorityNotifiedAt), blankToNull(authority),
                    blankToNull(reference), reasoning == null ? null : reasoning.strip(), dataSubjectsInformed,
                    micros(dataSubjectsInformedAt));
        }

        public static Decision of(PersonalDataBreach b) {
            return new Decision(Boolean.TRUE.equals(b.notifyAuthority), b.authorityNotifiedAt, b.authority, b.reference,
                    b.reasoning, Boolean.TRUE.equals(b.dataSubjectsInformed), b.dataSubjectsInformedAt);
        }
    }

    /** Where a breach's clock stands. */
    public enum Clock { RUNNING, OVERDUE, DECIDED, UNMARKED }

    private BreachRules() {
    }

    public static Instant deadline(Instant awareAt) {
        return awareAt.plus(DEADLINE);
    }

    /** Why {@code awareAt} cannot be taken (empty when it can): not in the future, not longer ago than {@code maxAge}. */
    public static List<String> awareness(Instant awareAt, Instant now, Duration maxAge) {
        List<String> errors = new ArrayList<>();
        if (awareAt == null) {
            errors.add("awareAt: must be the time the organisation became aware of the breach");
        } else if (awareAt.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("awareAt: must not be in the future");
        } else if (awareAt.isBefore(now.minus(maxAge))) {
            errors.add("awareAt: must be within the last " + maxAge.toDays() + " days");
        }
        return errors;
    }

    /** Why the decision cannot be recorded (empty when it can), for a breach the organisation knows of since {@code awareAt}. */
    public static List<String> decision(Decision d, Instant awareAt, Instant now) {
        List<String> errors = new ArrayList<>();
        if (d.reasoning() == null || d.reasoning().isBlank()) {
            errors.add("reasoning: must say why (Art. 33(5) asks for the facts, effects and remedial action)");
        }
        if (d.notifyAuthority()) {
            if (d.authorityNotifiedAt() == null) {
                errors.add("authorityNotifiedAt: must say when the supervisory authority was notified; record the "
                        + "decision once it was");
            } else {
                time("authorityNotifiedAt", d.authorityNotifiedAt(), awareAt, now, errors);
            }
        } else {
            if (d.authorityNotifiedAt() != null) {
                errors.add("authorityNotifiedAt: only when notifying the supervisory authority");
            }
            if (d.authority() != null || d.reference() != null) {
                errors.add("authority, reference: only when notifying the supervisory authority");
            }
        }
        if (d.dataSubjectsInformedAt() != null) {
            if (!d.dataSubjectsInformed()) {
                errors.add("dataSubjectsInformedAt: only when the data subjects are informed");
            } else {
                time("dataSubjectsInformedAt", d.dataSubjectsInformedAt(), awareAt, now, errors);
            }
        }
        return errors;
    }

    /**
     * Whether the deadline was met: the (first) decision recorded by then and, when the authority is notified, the
     * notification made by then. A decision recorded late stays late whatever is amended afterwards.
     */
    public static boolean deadlineMet(Instant deadline, Instant decidedAt, Decision d) {
        return !decidedAt.isAfter(deadline)
                && (!d.notifyAuthority() || !d.authorityNotifiedAt().isAfter(deadline));
    }

    public static Clock clock(PersonalDataBreach b, Instant now) {
        if (!b.marked) {
            return Clock.UNMARKED;
        }
        if (b.decided()) {
            return Clock.DECIDED;
        }
        return now.isAfter(b.deadline) ? Clock.OVERDUE : Clock.RUNNING;
    }

    public static boolean sameDecision(PersonalDataBreach b, Decision d) {
        return b.decided() && Decision.of(b).equals(d);
    }

    // ---- what the timeline says ------------------------------------------------------------------------------

    public static String marked(Instant awareAt, String rule, String note) {
        return "Personal-data breach (GDPR Art. 33): aware since " + time(awareAt)
                + "; decide on notifying the supervisory authority by " + time(deadline(awareAt))
                + (rule != null ? "; marked by classification rule '" + rule + "'" : "")
                + (note != null && !note.isBlank() ? ". " + note.strip() : "");
    }

    public static String corrected(Instant was, Instant awareAt) {
        return "Personal-data breach: aware since " + time(awareAt) + " (was " + time(was) + "); deadline now "
                + time(deadline(awareAt));
    }

    public static String unmarked(String reason) {
        return "Not a personal-data breach: " + reason.strip();
    }

    public static String decided(Decision d, Instant awareAt, Instant deadline, Instant decidedAt, boolean amended) {
        String authority = d.notifyAuthority()
                ? "notify the supervisory authority" + (d.authority() != null ? " (" + d.authority() + ")" : "")
                + ", notified " + time(d.authorityNotifiedAt())
                + (d.reference() != null ? ", reference " + d.reference() : "")
                : "do not notify the supervisory authority";
        String subjects = d.dataSubjectsInformed()
                ? "data subjects informed (Art. 34)" + (d.dataSubjectsInformedAt() != null
                ? " " + time(d.dataSubjectsInformedAt()) : "")
                : "data subjects not informed (Art. 34)";
        String when = amended ? "" : "; recorded " + hours(awareAt, decidedAt) + " after awareness, "
                + (deadlineMet(deadline, decidedAt, d) ? "within the 72 hours" : "after the 72-hour deadline");
        return (amended ? "GDPR decision amended: " : "GDPR decision: ") + authority + "; " + subjects + when
                + ". Reasoning: " + d.reasoning();
    }

    /** "41 h 5 min". */
    static String hours(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void time(String field, Instant value, Instant awareAt, Instant now, List<String> errors) {
        if (value.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(field + ": must not be in the future");
        } else if (value.isBefore(awareAt)) {
            errors.add(field + ": must not be before the organisation became aware (" + time(awareAt) + ")");
        }
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static boolean same(Instant a, Instant b) {
        return Objects.equals(micros(a), micros(b));
    }
}
