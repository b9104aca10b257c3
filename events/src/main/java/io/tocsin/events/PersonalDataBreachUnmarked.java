package io.tocsin.events;

/** The incident is not a personal-data breach after all ({@code reason} says why): its GDPR clock stops. */
public record PersonalDataBreachUnmarked(
        String service, Priority priority, String summary, String reason, Actor actor) implements EventData {
}
