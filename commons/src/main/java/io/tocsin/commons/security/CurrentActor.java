package io.tocsin.commons.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.events.Actor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The caller of the current request, the one way every service names them. A person is identified by their
 * token's subject ({@code sub}): stable, unique at the issuer, and what responders and incident roles refer to.
 * The display name ({@code name}, else the subject) and email travel in events so consumers need not call back.
 * Audit columns ({@code created_by}, {@code updated_by}, …) hold {@link #id()}.
 */
@RequestScoped
public class CurrentActor {

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public CurrentActor(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The caller as events carry them. */
    public Actor actor() {
        String id = id();
        String name = claim("name");
        return new Actor(Actor.Kind.USER, id, name != null ? name : id, claim("email"));
    }

    /** The caller's subject: who they are in audit columns, ownership checks and "me" lookups. */
    public String id() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    /** A Tocsin service rather than a person (notification-service's one-tap links). */
    public boolean isService() {
        return identity.hasRole(Roles.SERVICE);
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The caller as {@link IncidentPermissions} judges them. */
    public IncidentPermissions.Caller caller() {
        return new IncidentPermissions.Caller(id(), Set.copyOf(identity.getRoles()));
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }
}
