package io.tocsin.status.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.tocsin.events.Actor;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The person behind a request, as events and the audit columns name them. */
public final class Actors {

    private Actors() {
    }

    public static Actor of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            String name = jwt.getClaim("name");
            String email = jwt.getClaim("email");
            return new Actor(Actor.Kind.USER, subject, name != null ? name : subject, email);
        }
        String name = identity.getPrincipal().getName();
        return new Actor(Actor.Kind.USER, name, name, null);
    }

    /** Short form for audit columns. */
    public static String label(SecurityIdentity identity) {
        Actor actor = of(identity);
        return actor.name() != null ? actor.name() : actor.id();
    }
}
