package io.tocsin.incident.intake.service.format;

import java.util.Locale;

/**
 * Severity words monitoring systems use, mapped to Tocsin's four. Alertmanager and Grafana rules put anything in
 * a {@code severity} label; unknown words become {@code warning} (P3 by default) rather than failing the alert.
 */
final class Severities {

    private Severities() {
    }

    static String normalize(String value, String fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "page", "fatal", "emergency", "alert", "disaster", "p1" -> "critical";
            case "error", "err", "high", "major", "p2" -> "error";
            case "warning", "warn", "medium", "average", "minor", "p3" -> "warning";
            case "info", "information", "informational", "low", "notice", "none", "p4", "ok" -> "info";
            default -> "warning";
        };
    }
}
