package io.tocsin.incident.lifecycle.service;

import io.quarkus.logging.Log;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.ActionTokens;
import io.tocsin.events.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * What a caller with the {@code service} role may do: act for a person only with the one-tap link that
 * notification-service issued to that person, for this incident and this action. The link's signature is checked
 * with the link key both services hold ({@code TOCSIN_LINK_SECRET}), so a leaked service token by itself acts for
 * nobody. Without the key, service callers are refused (in
 * production the service does not start without it: KeysCheck).
 */
@ApplicationScoped
public class OneTapGrants {

    /** The person a service caller acts for, as the one-tap call names them. */
    public record OnBehalfOf(String id, String name, String email) {
    }

    private final ActionTokens tokens;

    public OneTapGrants(@ConfigProperty(name = "tocsin.links.secret") Optional<String> secret) {
        this.tokens = secret.filter(s -> s.length() >= 16)
                .map(s -> new ActionTokens(s.getBytes(StandardCharsets.UTF_8))).orElse(null);
        if (tokens == null) {
            Log.warn("No tocsin.links.secret (env TOCSIN_LINK_SECRET, the key notification-service signs one-tap links"
                    + " with): one-tap acknowledge and resolve are refused");
        }
    }

    /**
     * The person {@code service} acts for in {@code action} ("ACKNOWLEDGE" or "RESOLVE") of {@code incidentId};
     * 403 unless {@code link} was issued to exactly that person for exactly that.
     */
    public Actor actingFor(String service, UUID incidentId, String action, OneTapGrants.OnBehalfOf person, String link) {
        var parsed = ActionTokens.parse(link);
        if (tokens == null || person == null || person.id() == null || parsed.isEmpty()
                || !tokens.verify(parsed.get(), incidentId, person.id(), action)) {
            Log.warnf("Refused %s of incident %s by service %s: no one-tap link issued to %s for it", action,
                    incidentId, service, person == null ? "anybody" : person.id());
            throw new ProblemException(403,
                    "A service may act only for the person a one-tap link for this incident and action was issued to");
        }
        Log.infof("Service %s: %s of incident %s on behalf of %s (one-tap link %s)", service, action, incidentId,
                person.id(), parsed.get().id());
        return new Actor(Actor.Kind.USER, person.id(), person.name(), person.email());
    }
}
