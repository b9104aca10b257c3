package io.tocsin.incident.integration.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.incident.integration.model.Integration;

import java.util.UUID;

/**
 * Sends a harmless test alert through an integration, as its monitoring system would. Intake implements it: intake
 * sits above integrations (it authenticates every alert by its integration), so the admin API's "test" button
 * reaches intake through this interface instead of depending on it.
 */
public interface TestAlerts {

    /** What the test alert did ("triggered", "appended", …) and to which incident. */
    record Sent(String status, UUID incidentId) {
    }

    /** Sends a P4 test alert through {@code integration}, in its own transaction; {@code requestedBy} is named in it. */
    Uni<Sent> send(Integration integration, String requestedBy);
}
