package io.tocsin.incident.lifecycle.service;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.commons.security.IncidentPermissions;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Actor;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind the current request, from their token: subject, name and email. A caller with the
 * {@code service} role (notification-service's one-tap links) acts on behalf of a person only through
 * {@link OneTapGrants}; that person then appears as the actor in the timeline and in events.
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

    /** A Tocsin service rather than a person (it acts only through {@link OneTapGrants}). */
    public boolean isService() {
        return identity.hasRole(Roles.SERVICE);
    }

    /** The caller as {@link IncidentPermissions} judges them. */
    public IncidentPermissions.Caller caller() {
        return IncidentPermissions.Caller.of(identity);
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
