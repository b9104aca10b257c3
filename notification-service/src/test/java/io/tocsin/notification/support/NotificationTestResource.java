package io.tocsin.notification.support;

import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TocsinTestResource;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared test infrastructure (real PostgreSQL, Kafka, GreenMail) plus what only this service's tests need: the
 * SMTP cable in front of GreenMail (to take SMTP away and bring it back) and the incident-service stand-in. Both
 * are started once per JVM and controlled through {@link StandIns}.
 */
public class NotificationTestResource extends TocsinTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            StandIns.startOnce(Integer.parseInt(TestInfrastructure.setting("smtp.port")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        config.put("quarkus.mailer.port", String.valueOf(StandIns.smtpCablePort()));
        config.put("quarkus.rest-client.incident-service.url", StandIns.incidentUrl());
        config.put("tocsin.incident-client.token", IncidentStandIn.TOKEN);
        // A webhook signing key made up for this run (nothing committed); tests read it to check signatures.
        config.put("tocsin.webhooks.secret", webhookSecret());
        return config;
    }

    /** The webhook signing key of this test JVM. */
    public static synchronized String webhookSecret() {
        String key = "tocsin.test.notification.webhook-secret";
        if (System.getProperty(key) == null) {
            System.setProperty(key, java.util.UUID.randomUUID().toString());
        }
        return System.getProperty(key);
    }
}
