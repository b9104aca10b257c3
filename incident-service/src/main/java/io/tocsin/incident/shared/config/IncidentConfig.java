package io.tocsin.incident.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * incident-service settings an admin may change. Response targets (time to acknowledge per priority) are shared with
 * status-service and read from commons' {@code ResponseTargets} ({@code tocsin.response-targets.*}).
 */
@ConfigMapping(prefix = "tocsin.incidents")
public interface IncidentConfig {

    /** At most one AlertAppended event per incident per this interval, however many alerts arrive. */
    @WithDefault("1m")
    Duration alertAppendedInterval();

    /** The largest page a list request may ask for. */
    @WithDefault("100")
    int maxPageSize();
}
