package io.tocsin.escalation.breach.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a breach's GDPR clock speaks, as plain maths: reminders 24, 48 and 66 hours after awareness, "overdue" at 72.
 * A clock that falls due late (marked long after awareness, or no engine ran for a while) sends only the latest
 * reminder that is due, never a burst of stale ones. Tested in plain JUnit.
 */
public final class BreachStages {

    /** Hours after awareness at which the clock speaks; the last one is the deadline itself. */
    public static final List<Integer> HOURS = List.of(24, 48, 66, 72);

    public static final int OVERDUE = 72;

    private BreachStages() {
    }

    /** The next reminder after {@code remindedHours} was sent (0: none), or null when the overdue one was. */
    public static Instant next(Instant awareAt, int remindedHours) {
        return HOURS.stream().filter(h -> h > remindedHours).findFirst().map(h -> at(awareAt, h)).orElse(null);
    }

    /** The latest stage due at {@code now} that was not sent yet (0: none is due). */
    public static int due(Instant awareAt, int remindedHours, Instant now) {
        int due = 0;
        for (int hours : HOURS) {
            if (hours > remindedHours && !at(awareAt, hours).isAfter(now)) {
                due = hours;
            }
        }
        return due;
    }

    public static Instant at(Instant awareAt, int hours) {
        return awareAt.plus(Duration.ofHours(hours));
    }
}
