package io.tocsin.incident.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tocsin.events.Priority;

import java.time.Duration;

/** incident-service settings an admin may change. */
@ConfigMapping(prefix = "tocsin.incidents")
public interface IncidentConfig {

    /** Time to acknowledge per priority; an incident's {@code respondBy} is its start plus this. */
    ResponseTargets responseTargets();

    /** At most one AlertAppended event per incident per this interval, however many alerts arrive. */
    @WithDefault("1m")
    Duration alertAppendedInterval();

    /** The largest page a list request may ask for. */
    @WithDefault("100")
    int maxPageSize();

    interface ResponseTargets {
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
}
