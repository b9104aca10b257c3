package io.tocsin.events;

import java.util.List;

/**
 * Scheduled maintenance ended; paging for {@code services} resumes.
 */
public record MaintenanceEnded(
        String maintenanceId, String title, List<String> services) implements EventData {
}
