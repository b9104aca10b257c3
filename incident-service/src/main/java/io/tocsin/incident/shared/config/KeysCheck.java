package io.tocsin.incident.shared.config;

import io.quarkus.runtime.StartupEvent;
import io.tocsin.commons.security.ProductionKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * The keys every replica of incident-service must share, checked together so a missing set is named at once: the
 * master key of integration signing secrets, notification-service's one-tap link key (incident-service checks the
 * link a one-tap call shows) and the room-link key. In the prod profile the service does not start without them;
 * elsewhere each falls back to a key of its own process, with a warning (SecretCipher, OneTapGrants, RoomLinks).
 */
@ApplicationScoped
public class KeysCheck {

    private final Optional<String> secretKey;
    private final Optional<String> linkSecret;
    private final Optional<String> roomLinkSecret;

    public KeysCheck(@ConfigProperty(name = "tocsin.integrations.secret-key") Optional<String> secretKey,
                     @ConfigProperty(name = "tocsin.links.secret") Optional<String> linkSecret,
                     @ConfigProperty(name = "tocsin.room.link-secret") Optional<String> roomLinkSecret) {
        this.secretKey = secretKey;
        this.linkSecret = linkSecret;
        this.roomLinkSecret = roomLinkSecret;
    }

    // Before other start-up work (warm-ups, relays), so a misconfigured pod says why before anything else runs.
    void onStart(@Observes @Priority(1) StartupEvent event) {
        ProductionKeys.require("incident-service", Map.of(
                "TOCSIN_SECRET_KEY (tocsin.integrations.secret-key)", secretKey,
                "TOCSIN_LINK_SECRET (tocsin.links.secret, at least 16 characters)", linkSecret.filter(s -> s.length() >= 16),
                "TOCSIN_ROOM_LINK_SECRET (tocsin.room.link-secret, at least 32 characters)",
                roomLinkSecret.filter(s -> s.length() >= 32)));
    }
}
