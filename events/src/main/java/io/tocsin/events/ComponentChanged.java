package io.tocsin.events;

/**
 * A status page component was added, renamed, regrouped or removed. Carries the public name the status page shows
 * for a service, so stakeholder mails name what is affected as the status page does without asking status-service.
 * No incidentId (the Kafka key is null); consumers keep the newest by {@code occurredAt}, so order does not matter.
 */
public record ComponentChanged(
        String componentId, String service, String name, String group, boolean removed) implements EventData {
}
