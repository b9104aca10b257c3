package io.tocsin.events;

/**
 * A level had nobody to page (e.g. an empty schedule): recorded, never a silent page to nobody.
 */
public record EscalationLevelSkipped(
        String service, Priority priority, String summary, String policyName, int step, int loop, String reason) implements EventData {
}
