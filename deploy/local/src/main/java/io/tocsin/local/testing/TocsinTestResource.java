package io.tocsin.local.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tocsin.local.Tokens;

import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the real test infrastructure: its PostgreSQL database, the Kafka
 * broker (with consumer groups unique to this run), GreenMail over real SMTP, and the test token key.
 * Nothing is stopped here: the infrastructure lives as long as the test JVM, shared by every test class.
 */
public class TocsinTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> infra = TestInfrastructure.settings();
        String pg = "127.0.0.1:" + infra.get("pg.port") + "/tocsin";
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + pg);
        config.put("quarkus.datasource.reactive.url", "postgresql://" + pg);
        config.put("kafka.bootstrap.servers", infra.get("kafka.bootstrap"));
        config.put("tocsin.kafka.group-suffix", "-test-" + infra.get("run-id"));
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", infra.get("smtp.port"));
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.oidc.public-key", infra.get("oidc.public-key"));
        config.put("tocsin.oidc.issuer", Tokens.LOCAL_ISSUER);
        config.put("tocsin.oidc.audience", Tokens.AUDIENCE);
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; a shutdown hook stops it.
    }
}
