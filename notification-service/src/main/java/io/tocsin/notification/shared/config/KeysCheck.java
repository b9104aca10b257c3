package io.tocsin.notification.shared.config;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.commons.security.ProductionKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * The keys every replica of notification-service must share: the one-tap link key (a link signed on one replica
 * must open on the other, and after a restart) and the webhook signing key (receivers verify with one key). In the
 * prod profile the service does not start without them. Read as plain properties, so this service-wide check
 * depends on no feature (the link key's owner is action's {@code ActionConfig}).
 */
@ApplicationScoped
public class KeysCheck {

    private final Optional<String> linkSecret;
    private final Optional<String> webhookSecret;

    public KeysCheck(@ConfigProperty(name = "tocsin.links.secret") Optional<String> linkSecret,
                     @ConfigProperty(name = "tocsin.webhooks.secret") Optional<String> webhookSecret) {
        this.linkSecret = linkSecret;
        this.webhookSecret = webhookSecret;
    }

    void onStart(@Observes StartupEvent event) {
        ProductionKeys.require("notification-service", Map.of(
                "TOCSIN_LINK_SECRET (tocsin.links.secret, at least 16 characters)", linkSecret.filter(s -> s.length() >= 16),
                "TOCSIN_WEBHOOK_SECRET (tocsin.webhooks.secret)", webhookSecret));
    }
}
