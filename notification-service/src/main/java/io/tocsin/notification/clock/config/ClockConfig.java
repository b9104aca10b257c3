package io.tocsin.notification.clock.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who hears about a personal-data breach's GDPR clock (docs/security-incidents.md). */
@ConfigMapping(prefix = "tocsin.breach")
public interface ClockConfig {

    /**
     * The name of the stakeholder group (managed at /api/v1/stakeholder-groups) whose members receive the GDPR
     * clock's reminders, whatever they subscribe to: the data-protection officer and whoever works with them.
     */
    @WithDefault("data-protection")
    String dataProtectionGroup();
}
