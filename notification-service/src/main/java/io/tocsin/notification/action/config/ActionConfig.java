package io.tocsin.notification.action.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * One-tap action links in pages. (The links' base URL is {@code tocsin.public-url}; the service identity for
 * incident-service is {@code tocsin.incident-client.token}.)
 */
@ConfigMapping(prefix = "tocsin.links")
public interface ActionConfig {

    /**
     * HMAC key that signs action links (env TOCSIN_LINK_SECRET, at least 16 characters). Required in production;
     * elsewhere a random key per process is used and a warning logged (links then stop working when the process
     * restarts and differ between replicas).
     */
    Optional<String> secret();

    /** How long an action link stays valid. */
    @WithDefault("1h")
    Duration ttl();
}
