package io.tocsin.incident.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Actor;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind the current request, from their token: subject, name and email. A caller with the
 * {@code service} role (notification-service's one-tap links) may act on behalf of a named person, who then
 * appears as the actor in the timeline and in events.
 */
@RequestScoped
public class CurrentActor {

    /** The person a service caller acts for. */
    public record OnBehalfOf(String id, String name, String email) {
    }

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public CurrentActor(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public Actor get() {
        return new Actor(Actor.Kind.USER, token.getSubject(), claim("name"), claim("email"));
    }

    /** The caller, or the person a service caller names; people cannot name anybody else. */
    public Actor actingFor(OnBehalfOf onBehalfOf) {
        if (onBehalfOf != null && onBehalfOf.id() != null && identity.hasRole(Roles.SERVICE)) {
            return new Actor(Actor.Kind.USER, onBehalfOf.id(), onBehalfOf.name(), onBehalfOf.email());
        }
        return get();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        if (value instanceof jakarta.json.JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }
}
