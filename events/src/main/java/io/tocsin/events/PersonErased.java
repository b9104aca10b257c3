package io.tocsin.events;

/**
 * A person asked to be forgotten (a stakeholder unsubscribed or was removed, a responder was deleted): every service
 * that holds their data removes or pseudonymises it. Carries only the id, so the event itself holds no personal data.
 * Kafka key: the person id.
 */
public record PersonErased(String personId, Kind kind) implements EventData {

    /** Whose id {@code personId} is: a responder's OIDC subject or a stakeholder member's id. */
    public enum Kind { RESPONDER, STAKEHOLDER }
}
