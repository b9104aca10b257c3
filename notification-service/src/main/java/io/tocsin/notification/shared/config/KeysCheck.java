package io.tocsin.notification.shared.config;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.commons.security.ProductionKeys;
import io.tocsin.notification.action.config.ActionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * The keys every replica of notification-service must share: the one-tap link key (a link signed on one replica
 * must open on the other, and after a restart) and the webhook signing key (receivers verify with one key). In the
 * prod profile the service does not start without them.
 */
@ApplicationScoped
public class KeysCheck {

    private final ActionConfig links;
    private final Optional<String> webhookSecret;

    public KeysCheck(ActionConfig links, @ConfigProperty(name = "tocsin.webhooks.secret") Optional<String> webhookSecret) {
        this.links = links;
        this.webhookSecret = webhookSecret;
    }

    void onStart(@Observes StartupEvent event) {
        ProductionKeys.require("notification-service", Map.of(
                "TOCSIN_LINK_SECRET (tocsin.links.secret, at least 16 characters)", links.secret().filter(s -> s.length() >= 16),
                "TOCSIN_WEBHOOK_SECRET (tocsin.webhooks.secret)", webhookSecret));
    }
}
