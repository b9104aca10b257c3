package io.tocsin.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports Kafka trouble as a degraded detail, never as not-ready: the outbox absorbs an outage, so the
 * service keeps doing its job (ARCHITECTURE.md, "Health and degradation").
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        String error = relay.lastError();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox").up()
                .withData("pending", relay.pending())
                .withData("kafka", error == null ? "ok" : "degraded");
        if (error != null) {
            builder.withData("lastError", error);
        }
        return builder.build();
    }
}
