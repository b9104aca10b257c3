package io.tocsin.incident.breach.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Personal-data breaches (docs/security-incidents.md). */
@ConfigMapping(prefix = "tocsin.breach")
public interface BreachConfig {

    /**
     * How long ago the organisation may have become aware of a breach that is marked now. Older times are refused as
     * a likely typo (a year off); a breach found that late is documented, but its 72 hours are long gone.
     */
    @WithDefault("30d")
    Duration maxAwarenessAge();
}
