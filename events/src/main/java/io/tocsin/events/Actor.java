package io.tocsin.events;

/**
 * Who caused a change: a person (their OIDC subject, name and email when known), an integration or the system.
 * Carried in events so consumers can name the actor without calling back.
 */
public record Actor(Kind kind, String id, String name, String email) {

    public enum Kind { USER, INTEGRATION, SYSTEM }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "tocsin", "Tocsin", null);
    }
}
