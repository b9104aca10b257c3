package io.tocsin.events;

import java.time.Instant;
import java.util.List;

/**
 * Scheduled maintenance began; paging for {@code services} is muted until it ends.
 */
public record MaintenanceStarted(
        String maintenanceId, String title, List<String> services, Instant startsAt, Instant endsAt) implements EventData {
}
