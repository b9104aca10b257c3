package io.tocsin.incident.room;

import io.tocsin.incident.room.service.ResponseClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The response-target clock as the room shows it. */
class ResponseClockTest {

    private final Instant respondBy = Instant.parse("2026-11-27T10:15:00Z");

    @Test
    void countsDownThenUpWhileNobodyAcknowledged() {
        assertEquals(new ResponseClock.Reading("running", "12 min left to acknowledge", true),
                ResponseClock.read("TRIGGERED", respondBy, null, respondBy.minusSeconds(12 * 60 + 30)));
        assertEquals(new ResponseClock.Reading("running", "42 s left to acknowledge", true),
                ResponseClock.read("TRIGGERED", respondBy, null, respondBy.minusSeconds(42)));
        assertEquals(new ResponseClock.Reading("breached", "Response target missed by 1 h 05 min", true),
                ResponseClock.read("TRIGGERED", respondBy, null, respondBy.plusSeconds(3900)));
    }

    @Test
    void saysHowTheTargetWentOnceAcknowledgedOrResolved() {
        assertEquals("met", ResponseClock.read("ACKNOWLEDGED", respondBy, respondBy.minusSeconds(60), respondBy).state());
        ResponseClock.Reading late = ResponseClock.read("ACKNOWLEDGED", respondBy, respondBy.plusSeconds(240),
                respondBy.plusSeconds(600));
        assertEquals(new ResponseClock.Reading("late", "acknowledged 4 min after the response target", false), late);
        assertEquals(new ResponseClock.Reading("late", "Resolved; never acknowledged", false),
                ResponseClock.read("RESOLVED", respondBy, null, respondBy.plusSeconds(5)));
    }
}
