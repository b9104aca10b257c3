package io.tocsin.notification.delivery.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Storm protection: per-recipient rate limit, per-incident cap, and the digest that replaces what they hold. */
@ConfigMapping(prefix = "tocsin.limits")
public interface LimitsConfig {

    /** Mails one address may receive within {@link #window()}; more are held for the digest. */
    @WithDefault("10")
    int perRecipient();

    /** The sliding window of the per-recipient limit. */
    @WithDefault("10m")
    Duration window();

    /** Mails one incident may cause in total; more are held for the digest. */
    @WithDefault("20")
    int perIncident();

    /** How long held mails wait before they go out together as one digest (so at most one digest this often). */
    @WithDefault("15m")
    Duration digestInterval();

    /** How often every replica looks for digests that are due. */
    @WithDefault("60s")
    Duration digestPollInterval();
}
