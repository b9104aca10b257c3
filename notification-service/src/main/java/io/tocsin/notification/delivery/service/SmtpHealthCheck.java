package io.tocsin.notification.delivery.service;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * SMTP trouble is absorbed by the delivery outbox (mail waits, nothing is lost), so it shows as a degraded detail,
 * never as not-ready (ARCHITECTURE.md, "Health and degradation").
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    private final CircuitBreakerMaintenance breakers;
    private final DeliverySender sender;

    public SmtpHealthCheck(CircuitBreakerMaintenance breakers, DeliverySender sender) {
        this.breakers = breakers;
        this.sender = sender;
    }

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState state = breakers.currentState(SmtpClient.BREAKER);
        String error = sender.lastError();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("smtp").up()
                .withData("breaker", state.name())
                .withData("smtp", state == CircuitBreakerState.CLOSED && error == null ? "ok" : "degraded");
        if (error != null) {
            builder.withData("lastError", error);
        }
        return builder.build();
    }
}
