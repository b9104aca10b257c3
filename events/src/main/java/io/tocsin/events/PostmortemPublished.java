package io.tocsin.events;

/**
 * A postmortem was published; stakeholders are told per the communication plan.
 */
public record PostmortemPublished(
        String postmortemId, String title, String service, Priority priority, String summary, String url, Actor actor) implements EventData {
}
