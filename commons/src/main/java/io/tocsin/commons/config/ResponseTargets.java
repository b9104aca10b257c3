package io.tocsin.commons.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tocsin.events.Priority;

import java.time.Duration;

/**
 * Time to acknowledge per priority, read from one place by every service that needs it: incident-service sets an
 * incident's {@code respondBy} from it, status-service measures incidents whose own deadline it never learnt.
 */
@ConfigMapping(prefix = "tocsin.response-targets")
public interface ResponseTargets {

    /** P1 Critical: complete service outage. */
    @WithDefault("15m")
    Duration p1();

    /** P2 High: significant impairment. */
    @WithDefault("1h")
    Duration p2();

    /** P3 Medium: moderate impairment. */
    @WithDefault("4h")
    Duration p3();

    /** P4 Low: minor impairment. */
    @WithDefault("24h")
    Duration p4();

    default Duration of(Priority priority) {
        return switch (priority) {
            case P1 -> p1();
            case P2 -> p2();
            case P3 -> p3();
            case P4 -> p4();
        };
    }
}
