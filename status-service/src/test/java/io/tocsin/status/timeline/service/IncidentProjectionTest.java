package io.tocsin.status.timeline.service;

import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.Priority;
import io.tocsin.status.timeline.model.IncidentRecord;
import io.tocsin.status.timeline.model.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The read model's fold: the same set of events gives the same state in any order. */
class IncidentProjectionTest {

    private static final UUID INCIDENT = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static TimelineEntry line(Object data, Instant at) {
        return TimelineEntries.of(new Envelope<>(UUID.randomUUID(), data.getClass().getSimpleName(), 1, at, INCIDENT, data));
    }

    private static List<TimelineEntry> sequence() {
        return List.of(
                line(new IncidentTriggered("checkout-api", Priority.P2, "error", "error rate 12%", "prometheus", "k",
                        T0.plus(Duration.ofHours(1)), List.of(), INTEGRATION), T0),
                line(new AlertAppended("checkout-api", Priority.P2, "error rate 12%", 7, T0.plusSeconds(50), INTEGRATION),
                        T0.plusSeconds(60)),
                line(new IncidentAcknowledged("checkout-api", Priority.P2, "error rate 12%", ALICE, ALICE), T0.plusSeconds(240)),
                line(new IncidentPriorityChanged("checkout-api", Priority.P2, Priority.P1, "error rate 45%",
                        T0.plus(Duration.ofMinutes(20)), "customers cannot pay", ALICE), T0.plusSeconds(300)),
                line(new IncidentResolved("checkout-api", Priority.P1, "error rate 45%", T0, T0.plusSeconds(240), ALICE),
                        T0.plusSeconds(1800)));
    }

    @Test
    void aRealisticSequenceFoldsToTheResolvedState() {
        IncidentProjection.State state = IncidentProjection.fold(sequence());
        assertEquals(IncidentRecord.Status.RESOLVED, state.status());
        assertEquals("P1", state.priority());
        assertEquals("error rate 45%", state.summary());
        assertEquals(T0, state.triggeredAt());
        assertEquals(T0.plusSeconds(240), state.acknowledgedAt());
        assertEquals(T0.plusSeconds(1800), state.resolvedAt());
        assertEquals(T0.plus(Duration.ofMinutes(20)), state.respondBy());
        assertEquals(7, state.alertCount());
    }

    @Test
    void everyDeliveryOrderGivesTheSameState() {
        IncidentProjection.State expected = IncidentProjection.fold(sequence());
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            List<TimelineEntry> shuffled = new ArrayList<>(sequence());
            Collections.shuffle(shuffled, random);
            // Each fold sees fresh lines with new ids; compare the state, which must not depend on the ids.
            assertEquals(expected, IncidentProjection.fold(shuffled), "order " + i);
        }
    }

    @Test
    void aResolveBeforeItsTriggerAlreadyKnowsWhenItStartedAndWasAcknowledged() {
        TimelineEntry resolved = sequence().get(4);
        IncidentProjection.State state = IncidentProjection.fold(List.of(resolved));
        assertEquals(IncidentRecord.Status.RESOLVED, state.status());
        assertEquals(T0, state.triggeredAt());
        assertEquals(T0.plusSeconds(240), state.acknowledgedAt());
        assertEquals(1, state.alertCount());
    }

    @Test
    void aLateAcknowledgeNeverReopensAResolvedIncident() {
        IncidentProjection.State state = IncidentProjection.fold(List.of(sequence().get(0), sequence().get(4),
                line(new IncidentAcknowledged("checkout-api", Priority.P1, "x", ALICE, ALICE), T0.plusSeconds(4000))));
        assertEquals(IncidentRecord.Status.RESOLVED, state.status());
        assertEquals(T0.plusSeconds(240), state.acknowledgedAt());
    }

    @Test
    void aReopenedIncidentIsOpenAgainWithItsNewDeadline() {
        List<TimelineEntry> lines = new ArrayList<>(sequence());
        lines.add(line(new IncidentReopened("checkout-api", Priority.P1, "error rate 45%", T0.plusSeconds(5000), ALICE),
                T0.plusSeconds(4000)));
        IncidentProjection.State state = IncidentProjection.fold(lines);
        assertEquals(IncidentRecord.Status.TRIGGERED, state.status());
        assertNull(state.resolvedAt());
        assertEquals(T0.plusSeconds(5000), state.respondBy());
    }

    @Test
    void aTriggerAndAnAcknowledgeAtTheSameInstantAreAcknowledged() {
        TimelineEntry ack = line(new IncidentAcknowledged("checkout-api", Priority.P2, "x", ALICE, ALICE), T0);
        assertEquals(IncidentRecord.Status.ACKNOWLEDGED, IncidentProjection.fold(List.of(ack, sequence().get(0))).status());
    }
}
