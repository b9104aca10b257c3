package io.tocsin.status.component.model;

/** What the status page says about a component, from best to worst (maintenance sits between). */
public enum ComponentStatus {
    OPERATIONAL("Operational"),
    UNDER_MAINTENANCE("Under maintenance"),
    DEGRADED_PERFORMANCE("Degraded performance"),
    PARTIAL_OUTAGE("Partial outage"),
    MAJOR_OUTAGE("Major outage");

    private final String label;

    ComponentStatus(String label) {
        this.label = label;
    }

    /** Human label for the public page. */
    public String label() {
        return label;
    }

    /** CSS class suffix. */
    public String css() {
        return name().toLowerCase().replace('_', '-');
    }

    public boolean worseThan(ComponentStatus other) {
        return ordinal() > other.ordinal();
    }
}
