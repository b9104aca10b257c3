package io.tocsin.notification.action.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.ActionTokens;
import io.tocsin.notification.action.config.ActionConfig;
import io.tocsin.notification.action.model.ActionLink;
import io.tocsin.notification.action.repository.ActionLinkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Creates the one-tap links of a page (rows plus signed URLs) and holds the signing key. */
@ApplicationScoped
public class ActionLinks {

    private final ActionTokens tokens;
    private final ActionConfig config;
    private final ActionLinkRepository repository;
    private final String publicUrl;

    public ActionLinks(ActionConfig config, ActionLinkRepository repository,
                       @ConfigProperty(name = "tocsin.public-url") String publicUrl) {
        this.config = config;
        this.repository = repository;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        byte[] secret;
        if (config.secret().filter(s -> s.length() >= 16).isPresent()) {
            secret = config.secret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            Log.warn("No tocsin.links.secret (env TOCSIN_LINK_SECRET, at least 16 characters): one-tap links are signed "
                    + "with a random key of this process and stop working when it restarts or on another replica");
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }
        this.tokens = new ActionTokens(secret);
    }

    public ActionTokens tokens() {
        return tokens;
    }

    /** A new link row (not yet stored) and its URL. */
    public record NewLink(ActionLink link, String url) {
    }

    public NewLink create(UUID incidentId, ActionLink.Action action, String recipientId, String recipientName,
                          String recipientEmail, String title, Instant now) {
        ActionLink link = new ActionLink();
        link.id = UUID.randomUUID();
        link.incidentId = incidentId;
        link.action = action.name();
        link.recipientId = recipientId;
        link.recipientName = recipientName;
        link.recipientEmail = recipientEmail;
        link.title = title;
        link.createdAt = now;
        link.expiresAt = now.plus(config.ttl());
        String token = tokens.sign(link.id, incidentId, recipientId, link.action);
        return new NewLink(link, publicUrl + "/a/" + token);
    }

    /** Marks unsubscribe tokens so they can never be confused with an action link. */
    private static final UUID UNSUBSCRIBE = new UUID(0, 0);

    /** The unsubscribe link of a stakeholder: signed over their member id, no expiry (it only removes them). */
    public String unsubscribeUrl(UUID memberId) {
        return publicUrl + "/u/" + tokens.sign(memberId, UNSUBSCRIBE, "stakeholder", "UNSUBSCRIBE");
    }

    /** The member id of a genuine unsubscribe token, or null. */
    public UUID unsubscribeMember(String token) {
        return ActionTokens.parse(token)
                .filter(parsed -> tokens.verify(parsed, UNSUBSCRIBE, "stakeholder", "UNSUBSCRIBE"))
                .map(ActionTokens.Parsed::id)
                .orElse(null);
    }

    /** Stores a link in the current transaction. */
    public Uni<Void> persist(ActionLink link) {
        return repository.persist(link);
    }
}
