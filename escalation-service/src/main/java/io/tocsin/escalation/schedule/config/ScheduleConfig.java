package io.tocsin.escalation.schedule.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits on what responders may change in schedules themselves. */
@ConfigMapping(prefix = "tocsin.schedules")
public interface ScheduleConfig {

    /**
     * How far ahead a responder without the incident-commander or admin role may plan an override (its end at most
     * this far from now). Commanders and admins are not limited.
     */
    @WithDefault("90d")
    Duration responderOverrideHorizon();
}
