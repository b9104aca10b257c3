package io.tocsin.notification.stakeholder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Stakeholder mails: where the public status page is. */
@ConfigMapping(prefix = "tocsin.stakeholders")
public interface StakeholderConfig {

    /**
     * The public status page (status-service's {@code tocsin.status.base-url}): mails link to its page for the
     * incident ({@code /incidents/{id}}, once a public update was posted) or to the page itself.
     */
    @WithDefault("http://127.0.0.1:8084")
    String statusPageUrl();
}
