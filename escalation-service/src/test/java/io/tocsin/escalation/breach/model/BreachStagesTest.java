package io.tocsin.escalation.breach.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** When the GDPR clock speaks: 24, 48 and 66 hours after awareness, overdue at 72, the latest due one only. */
class BreachStagesTest {

    private static final Instant AWARE = Instant.parse("2026-11-27T08:30:00Z");

    private static Instant after(long hours, long seconds) {
        return AWARE.plus(Duration.ofHours(hours)).plusSeconds(seconds);
    }

    @Test
    void theRemindersFollowOneAnotherAndEndWithOverdue() {
        assertEquals(after(24, 0), BreachStages.next(AWARE, 0));
        assertEquals(after(48, 0), BreachStages.next(AWARE, 24));
        assertEquals(after(66, 0), BreachStages.next(AWARE, 48));
        assertEquals(after(72, 0), BreachStages.next(AWARE, 66));
        assertNull(BreachStages.next(AWARE, 72), "nothing after overdue");
    }

    @Test
    void aStageIsDueFromItsHourOnNotASecondBefore() {
        assertEquals(0, BreachStages.due(AWARE, 0, after(23, 3599)));
        assertEquals(24, BreachStages.due(AWARE, 0, after(24, 0)));
        assertEquals(0, BreachStages.due(AWARE, 24, after(47, 0)), "24 h was sent already");
        assertEquals(48, BreachStages.due(AWARE, 24, after(48, 1)));
        assertEquals(66, BreachStages.due(AWARE, 48, after(66, 0)));
        assertEquals(72, BreachStages.due(AWARE, 66, after(72, 0)));
        assertEquals(0, BreachStages.due(AWARE, 72, after(500, 0)), "overdue is said once");
    }

    @Test
    void aClockThatFellDueLateSaysOnlyTheLatestStage() {
        assertEquals(66, BreachStages.due(AWARE, 0, after(70, 0)), "marked 70 h after awareness: one reminder, 66 h");
        assertEquals(72, BreachStages.due(AWARE, 24, after(80, 0)), "no engine ran for two days: overdue, not 48 and 66");
    }
}
