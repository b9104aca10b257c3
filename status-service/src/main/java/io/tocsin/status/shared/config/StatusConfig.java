package io.tocsin.status.shared.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.tocsin.events.Priority;

import java.time.Duration;
import java.util.Set;

/** status-service settings; every default is what a small team would pick. */
@ConfigMapping(prefix = "tocsin.status")
public interface StatusConfig {

    /** Public base URL of this service, used in links that leave it (postmortem events, the Atom feed). */
    @WithDefault("http://127.0.0.1:8084")
    String baseUrl();

    /** Name shown at the top of the public status page and as the Atom feed's title. */
    @WithDefault("Service status")
    String pageTitle();

    /** Postmortem settings. */
    PostmortemSettings postmortem();

    /** Response metrics settings. */
    Metrics metrics();

    /** Public page settings. */
    Page page();

    /** Action item settings. */
    ActionItems actionItems();

    /** Maintenance window settings. */
    MaintenanceSettings maintenance();

    interface ActionItems {
        /** How often every replica looks for newly overdue action items (read by the scheduler). */
        @WithDefault("5m")
        Duration checkEvery();
    }

    interface MaintenanceSettings {
        /** How often maintenance windows are started and ended; their events are at most this late. */
        @WithDefault("10s")
        Duration checkEvery();
    }

    interface PostmortemSettings {
        /** A postmortem is opened automatically when an incident of one of these priorities resolves. */
        @WithDefault("P1,P2")
        Set<Priority> autoOpenPriorities();
    }

    interface Metrics {
        /** The Prometheus gauges cover incidents triggered within this window before now. */
        @WithDefault("30d")
        Duration window();

        /** How often the gauges are recomputed (read by the scheduler). */
        @WithDefault("60s")
        Duration refreshEvery();
    }

    interface Page {
        /** Days of uptime bars per component. */
        @WithDefault("90")
        int uptimeDays();

        /** Days of resolved incidents listed under "Past incidents" and in the Atom feed. */
        @WithDefault("14")
        int historyDays();
    }
}
