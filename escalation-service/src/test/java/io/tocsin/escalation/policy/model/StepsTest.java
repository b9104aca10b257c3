package io.tocsin.escalation.policy.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Escalation step maths: levels, repeats, exhaustion and round robin. */
class StepsTest {

    @Test
    void levelsFollowEachOther() {
        Steps.Position p = Steps.after(3, 0, 0, 0, 0);
        assertEquals(1, p.level());
        assertEquals(0, p.loop());
        assertFalse(p.exhausted());
    }

    @Test
    void aPolicyWithoutRepeatIsExhaustedAfterItsLastLevel() {
        assertTrue(Steps.after(3, 0, 2, 0, 0).exhausted());
        assertTrue(Steps.after(1, 0, 0, 0, 0).exhausted());
    }

    @Test
    void repeatsStartOverAtLevelOneWithTheNextLoop() {
        Steps.Position p = Steps.after(3, 2, 2, 0, 0);
        assertEquals(0, p.level());
        assertEquals(1, p.loop());
        p = Steps.after(3, 2, 2, 1, 0);
        assertEquals(2, p.loop());
        assertTrue(Steps.after(3, 2, 2, 2, 0).exhausted());
    }

    @Test
    void repeatsCountFromWhereThePolicyRunBegan() {
        // After a reopen the run starts at loop 4: one repeat allowed means loops 4 and 5.
        assertFalse(Steps.after(2, 1, 1, 4, 4).exhausted());
        assertTrue(Steps.after(2, 1, 1, 5, 4).exhausted());
    }

    @Test
    void roundRobinRotatesWithTheLoop() {
        assertEquals(0, Steps.roundRobinIndex(3, 0));
        assertEquals(1, Steps.roundRobinIndex(3, 1));
        assertEquals(2, Steps.roundRobinIndex(3, 2));
        assertEquals(0, Steps.roundRobinIndex(3, 3));
    }
}
