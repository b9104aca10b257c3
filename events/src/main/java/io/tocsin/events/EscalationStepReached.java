package io.tocsin.events;

import java.util.List;

/**
 * An escalation level fired: {@code recipients} are being paged (one NotificationRequested each). Version 2 names
 * them by id and name only; version 1 also carried their email, time zone and locale (consumers ignore those).
 */
public record EscalationStepReached(
        String service, Priority priority, String summary, String policyName, int step, int loop,
        List<PersonRef> recipients) implements EventData {
}
