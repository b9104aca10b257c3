package io.tocsin.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    @Test
    void aPositiveWholeNumberOfSecondsCounts() {
        assertTrue(RetryAfter.isPositiveSeconds("1"));
        assertTrue(RetryAfter.isPositiveSeconds("30"));
        assertTrue(RetryAfter.isPositiveSeconds(" 5 "));
        assertTrue(RetryAfter.isPositiveSeconds("086400"));
    }

    @Test
    void whatASenderCannotWaitOnDoesNot() {
        assertFalse(RetryAfter.isPositiveSeconds(null), "absent");
        assertFalse(RetryAfter.isPositiveSeconds(""), "empty");
        assertFalse(RetryAfter.isPositiveSeconds("0"), "zero: retry at once, into the same overload");
        assertFalse(RetryAfter.isPositiveSeconds("-1"));
        assertFalse(RetryAfter.isPositiveSeconds("+3"));
        assertFalse(RetryAfter.isPositiveSeconds("1.5"));
        assertFalse(RetryAfter.isPositiveSeconds("2s"));
        assertFalse(RetryAfter.isPositiveSeconds("Wed, 21 Oct 2026 07:28:00 GMT"), "a date, not seconds");
        assertFalse(RetryAfter.isPositiveSeconds("99999999999"), "too long to be meant");
    }

    @Test
    void retriesWaitWhatTheServerSaidButNotForever() {
        assertEquals(2000, RetryAfter.retryMillis("2", 500, 5000));
        assertEquals(5000, RetryAfter.retryMillis("60", 500, 5000));
        assertEquals(500, RetryAfter.retryMillis(null, 500, 5000));
        assertEquals(500, RetryAfter.retryMillis("0", 500, 5000));
    }
}
