package io.tocsin.intake.service;

import io.tocsin.events.Priority;

/**
 * Decides an alert's priority. The default rule maps severity: critical → P1, error → P2, warning → P3, info → P4.
 */
public final class Classifier {

    private Classifier() {
    }

    public static Priority byDefault(String severity) {
        return switch (severity) {
            case "critical" -> Priority.P1;
            case "error" -> Priority.P2;
            case "warning" -> Priority.P3;
            case "info" -> Priority.P4;
            default -> throw new IllegalArgumentException("Unknown severity " + severity);
        };
    }
}
