package io.tocsin.events;

import java.util.List;

/**
 * An escalation level fired: {@code recipients} are being paged (one NotificationRequested each).
 */
public record EscalationStepReached(
        String service, Priority priority, String summary, String policyName, int step, int loop,
        List<Recipient> recipients) implements EventData {
}
