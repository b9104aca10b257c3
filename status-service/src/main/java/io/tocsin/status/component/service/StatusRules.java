package io.tocsin.status.component.service;

import io.tocsin.events.Priority;
import io.tocsin.status.component.model.ComponentStatus;

import java.util.Collection;

/**
 * How a component's status follows from its open incidents: P1 major outage, P2 partial outage, P3 degraded
 * performance, P4 no change; the worst open incident wins. Maintenance shows only when nothing is worse, and an
 * incident commander's override beats everything. Pure, tested in plain JUnit.
 */
public final class StatusRules {

    private StatusRules() {
    }

    public static ComponentStatus of(Priority priority) {
        return switch (priority) {
            case P1 -> ComponentStatus.MAJOR_OUTAGE;
            case P2 -> ComponentStatus.PARTIAL_OUTAGE;
            case P3 -> ComponentStatus.DEGRADED_PERFORMANCE;
            case P4 -> ComponentStatus.OPERATIONAL;
        };
    }

    /**
     * @param openIncidents priorities of the component's open incidents
     * @param inMaintenance whether a maintenance window covering the component is in progress
     * @param override      the incident commander's override, or null
     */
    public static ComponentStatus derive(Collection<Priority> openIncidents, boolean inMaintenance,
                                         ComponentStatus override) {
        if (override != null) {
            return override;
        }
        ComponentStatus status = ComponentStatus.OPERATIONAL;
        for (Priority priority : openIncidents) {
            status = worst(status, of(priority));
        }
        if (inMaintenance && status == ComponentStatus.OPERATIONAL) {
            return ComponentStatus.UNDER_MAINTENANCE;
        }
        return status;
    }

    public static ComponentStatus worst(ComponentStatus a, ComponentStatus b) {
        return b.worseThan(a) ? b : a;
    }

    /** The page's headline for the worst component status. */
    public static String headline(ComponentStatus overall) {
        return switch (overall) {
            case OPERATIONAL -> "All systems operational";
            case UNDER_MAINTENANCE -> "Maintenance in progress";
            case DEGRADED_PERFORMANCE -> "Some systems have degraded performance";
            case PARTIAL_OUTAGE -> "Partial outage";
            case MAJOR_OUTAGE -> "Major outage";
        };
    }
}
