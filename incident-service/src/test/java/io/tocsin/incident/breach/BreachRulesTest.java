package io.tocsin.incident.breach;

import io.tocsin.incident.breach.model.PersonalDataBreach;
import io.tocsin.incident.breach.service.BreachRules;
import io.tocsin.incident.breach.service.BreachRules.Decision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GDPR Art. 33 clock's rules, case by case. */
class BreachRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant AWARE = NOW.minus(Duration.ofHours(30));
    private static final Duration MAX_AGE = Duration.ofDays(30);

    @Test
    void theDeadlineIs72HoursAfterAwareness() {
        assertEquals(Instant.parse("2026-11-29T04:00:00Z"), BreachRules.deadline(AWARE));
    }

    @Test
    void awarenessMayBeInThePastButNotInTheFutureOrMonthsAgo() {
        assertEquals(List.of(), BreachRules.awareness(NOW, NOW, MAX_AGE));
        assertEquals(List.of(), BreachRules.awareness(NOW.minus(MAX_AGE), NOW, MAX_AGE));
        assertEquals(List.of(), BreachRules.awareness(NOW.plusSeconds(30), NOW, MAX_AGE), "a phone's clock runs ahead");
        assertEquals(List.of("awareAt: must not be in the future"),
                BreachRules.awareness(NOW.plus(Duration.ofMinutes(5)), NOW, MAX_AGE));
        assertEquals(List.of("awareAt: must be within the last 30 days"),
                BreachRules.awareness(NOW.minus(MAX_AGE).minusSeconds(1), NOW, MAX_AGE));
        assertEquals(1, BreachRules.awareness(null, NOW, MAX_AGE).size());
    }

    @Test
    void aDecisionNeedsReasoningAndANotificationNeedsItsTime() {
        assertEquals(List.of(), BreachRules.decision(notify(NOW.minusSeconds(60), "BfDI", "R-1"), AWARE, NOW));
        assertEquals(List.of(), BreachRules.decision(keep("unlikely to result in a risk"), AWARE, NOW));
        assertTrue(BreachRules.decision(keep(" "), AWARE, NOW).get(0).startsWith("reasoning:"));
        assertTrue(BreachRules.decision(keep(null), AWARE, NOW).get(0).startsWith("reasoning:"));
        assertTrue(BreachRules.decision(notify(null, null, null), AWARE, NOW).get(0).startsWith("authorityNotifiedAt:"));
        assertTrue(BreachRules.decision(notify(NOW.plusSeconds(600), null, null), AWARE, NOW).get(0)
                .contains("must not be in the future"));
        assertTrue(BreachRules.decision(notify(AWARE.minusSeconds(1), null, null), AWARE, NOW).get(0)
                .contains("must not be before the organisation became aware"));
        assertEquals(List.of("authority, reference: only when notifying the supervisory authority"),
                BreachRules.decision(new Decision(false, null, "BfDI", null, "low risk", false, null), AWARE, NOW));
        assertEquals(List.of("authorityNotifiedAt: only when notifying the supervisory authority"),
                BreachRules.decision(new Decision(false, NOW, null, null, "low risk", false, null), AWARE, NOW));
        assertEquals(List.of("dataSubjectsInformedAt: only when the data subjects are informed"),
                BreachRules.decision(new Decision(false, null, null, null, "low risk", false, NOW), AWARE, NOW));
        assertEquals(List.of(), BreachRules.decision(new Decision(false, null, null, null, "told them", true, NOW),
                AWARE, NOW));
    }

    @Test
    void theDeadlineIsMetByADecisionAndANotificationWithin72Hours() {
        Instant deadline = BreachRules.deadline(AWARE);
        assertTrue(BreachRules.deadlineMet(deadline, deadline, keep("low risk")), "exactly at the deadline is in time");
        assertFalse(BreachRules.deadlineMet(deadline, deadline.plusSeconds(1), keep("low risk")));
        assertTrue(BreachRules.deadlineMet(deadline, NOW, notify(NOW, null, null)));
        assertFalse(BreachRules.deadlineMet(deadline, NOW, notify(deadline.plusSeconds(60), null, null)),
                "a notification made after the deadline is late, whenever the decision was recorded");
    }

    @Test
    void theClockRunsUntilADecisionOrAnUnmarkAndIsOverdueAfter72Hours() {
        PersonalDataBreach b = new PersonalDataBreach();
        b.marked = true;
        b.awareAt = AWARE;
        b.deadline = BreachRules.deadline(AWARE);
        assertEquals(BreachRules.Clock.RUNNING, BreachRules.clock(b, NOW));
        assertEquals(BreachRules.Clock.OVERDUE, BreachRules.clock(b, b.deadline.plusSeconds(1)));
        b.decidedAt = b.deadline.plusSeconds(1);
        assertEquals(BreachRules.Clock.DECIDED, BreachRules.clock(b, b.deadline.plusSeconds(2)));
        b.marked = false;
        assertEquals(BreachRules.Clock.UNMARKED, BreachRules.clock(b, NOW));
    }

    @Test
    void theTimelineSaysWhatWasDecidedAndWhetherItWasInTime() {
        Instant deadline = BreachRules.deadline(AWARE);
        String inTime = BreachRules.decided(notify(NOW.minusSeconds(3600), "BfDI", "BfDI-42"), AWARE, deadline, NOW,
                false);
        assertEquals("GDPR decision: notify the supervisory authority (BfDI), notified 2026-11-27T09:00:00Z, reference "
                + "BfDI-42; data subjects not informed (Art. 34); recorded 30 h 0 min after awareness, within the 72 "
                + "hours. Reasoning: addresses exposed", inTime);
        String late = BreachRules.decided(keep("low risk"), AWARE, deadline, deadline.plusSeconds(7200), false);
        assertTrue(late.contains("recorded 74 h 0 min after awareness, after the 72-hour deadline"), late);
        assertTrue(BreachRules.marked(AWARE, "PII export", null).endsWith("by 2026-11-29T04:00:00Z; marked by "
                + "classification rule 'PII export'"));
    }

    private static Decision notify(Instant at, String authority, String reference) {
        return new Decision(true, at, authority, reference, "addresses exposed", false, null);
    }

    private static Decision keep(String reasoning) {
        return new Decision(false, null, null, null, reasoning, false, null);
    }
}
