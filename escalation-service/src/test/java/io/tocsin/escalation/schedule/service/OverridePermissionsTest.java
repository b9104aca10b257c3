package io.tocsin.escalation.schedule.service;

import io.tocsin.escalation.schedule.model.OverrideRule.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class OverridePermissionsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Duration HORIZON = Duration.ofDays(90);

    private static String refusal(Kind kind, String responder, String replaces, int startDays, int endDays,
                                  boolean privileged) {
        var request = new ScheduleService.OverrideRequest(responder, replaces, kind, NOW.plus(Duration.ofDays(startDays)),
                NOW.plus(Duration.ofDays(endDays)));
        return OverridePermissions.refusal(request, "alice", privileged, NOW, HORIZON);
    }

    @Test
    void aResponderMayAddThemselvesAndHandTheirShiftToAColleague() {
        assertNull(refusal(Kind.ADD, "alice", null, 1, 2, false));
        assertNull(refusal(Kind.REPLACE, "bob", "alice", 1, 8, false));
        assertNull(refusal(Kind.REPLACE, "bob", "alice", -1, 1, false), "from yesterday to tomorrow: still running");
    }

    @Test
    void aResponderMayNotChangeAnybodyElsesShifts() {
        assertNotNull(refusal(Kind.ADD, "bob", null, 1, 2, false));
        assertNotNull(refusal(Kind.REPLACE, "alice", null, 1, 2, false), "replacing everyone");
        assertNotNull(refusal(Kind.REPLACE, "alice", "bob", 1, 2, false), "taking bob's shift is bob's to give");
        assertNotNull(refusal(Kind.REPLACE, "carol", "bob", 1, 2, false));
        assertNotNull(refusal(Kind.REMOVE, "bob", null, 1, 2, false));
    }

    @Test
    void aResponderMayNotTakeThemselvesOffWithoutAReplacement() {
        assertNotNull(refusal(Kind.REMOVE, "alice", null, 1, 2, false));
    }

    @Test
    void aResponderPlansOnlyWithinTheHorizonAndNotInThePast() {
        assertNull(refusal(Kind.REPLACE, "bob", "alice", 80, 90, false));
        assertNotNull(refusal(Kind.REPLACE, "bob", "alice", 80, 91, false));
        assertNotNull(refusal(Kind.REPLACE, "bob", "alice", 1, 366, false), "a year");
        assertNotNull(refusal(Kind.REPLACE, "bob", "alice", -3, -2, false));
    }

    @Test
    void commandersAndAdminsMayDoAnything() {
        assertNull(refusal(Kind.REMOVE, "bob", null, 1, 366, true));
        assertNull(refusal(Kind.REPLACE, "carol", null, -10, -5, true));
    }
}
