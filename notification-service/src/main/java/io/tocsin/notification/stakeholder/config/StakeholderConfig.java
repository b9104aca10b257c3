package io.tocsin.notification.stakeholder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Stakeholder mails: where the public status page is, and how bursts of new incidents become one digest. */
@ConfigMapping(prefix = "tocsin.stakeholders")
public interface StakeholderConfig {

    /**
     * The public status page (status-service's {@code tocsin.status.base-url}): mails link to its page for the
     * incident ({@code /incidents/{id}}, once a public update was posted) or to the page itself.
     */
    @WithDefault("http://127.0.0.1:8084")
    String statusPageUrl();

    /** Bursts of new incidents (docs/decisions-notifications.md). */
    Burst burst();

    interface Burst {

        /**
         * How long a stakeholder's "new incident" mail waits for others (Alertmanager's group_wait): whatever opened
         * for them meanwhile goes out together.
         */
        @WithDefault("30s")
        Duration window();

        /** From how many incidents in one window a stakeholder gets one digest instead of a mail each. */
        @WithDefault("2")
        int minIncidents();

        /** How often every replica looks for windows that have closed. */
        @WithDefault("2s")
        Duration pollInterval();
    }
}
