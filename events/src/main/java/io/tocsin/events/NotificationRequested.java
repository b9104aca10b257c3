package io.tocsin.events;

import java.time.Instant;
import java.util.List;

/**
 * Page one recipient through one contact method for one escalation step. Unique per
 * (incident, step, loop, recipient, contact) on both sides, so a redelivery never pages twice.
 */
public record NotificationRequested(
        Recipient recipient, ContactMethod contact, String service, Priority priority, String summary,
        Instant respondBy, List<Link> links, int step, int loop, String reason) implements EventData {
}
