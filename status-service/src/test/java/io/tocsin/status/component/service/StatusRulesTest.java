package io.tocsin.status.component.service;

import io.tocsin.status.component.model.ComponentStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tocsin.events.Priority.P1;
import static io.tocsin.events.Priority.P2;
import static io.tocsin.events.Priority.P3;
import static io.tocsin.events.Priority.P4;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A component's status from its open incidents, maintenance and an incident commander's override. */
class StatusRulesTest {

    @Test
    void eachPriorityMapsToItsStatus() {
        assertEquals(ComponentStatus.MAJOR_OUTAGE, StatusRules.derive(List.of(P1), false, null));
        assertEquals(ComponentStatus.PARTIAL_OUTAGE, StatusRules.derive(List.of(P2), false, null));
        assertEquals(ComponentStatus.DEGRADED_PERFORMANCE, StatusRules.derive(List.of(P3), false, null));
        assertEquals(ComponentStatus.OPERATIONAL, StatusRules.derive(List.of(P4), false, null));
        assertEquals(ComponentStatus.OPERATIONAL, StatusRules.derive(List.of(), false, null));
    }

    @Test
    void theWorstOpenIncidentWins() {
        assertEquals(ComponentStatus.MAJOR_OUTAGE, StatusRules.derive(List.of(P3, P1, P4, P2), false, null));
        assertEquals(ComponentStatus.PARTIAL_OUTAGE, StatusRules.derive(List.of(P4, P2, P3), false, null));
    }

    @Test
    void maintenanceShowsOnlyWhenNothingIsWorse() {
        assertEquals(ComponentStatus.UNDER_MAINTENANCE, StatusRules.derive(List.of(), true, null));
        assertEquals(ComponentStatus.UNDER_MAINTENANCE, StatusRules.derive(List.of(P4), true, null));
        assertEquals(ComponentStatus.DEGRADED_PERFORMANCE, StatusRules.derive(List.of(P3), true, null));
    }

    @Test
    void theIncidentCommandersOverrideBeatsEverything() {
        assertEquals(ComponentStatus.OPERATIONAL,
                StatusRules.derive(List.of(P1), true, ComponentStatus.OPERATIONAL));
        assertEquals(ComponentStatus.MAJOR_OUTAGE, StatusRules.derive(List.of(), false, ComponentStatus.MAJOR_OUTAGE));
    }

    @Test
    void theHeadlineNamesTheWorstState() {
        assertEquals("All systems operational", StatusRules.headline(ComponentStatus.OPERATIONAL));
        assertEquals("Major outage", StatusRules.headline(ComponentStatus.MAJOR_OUTAGE));
    }
}
