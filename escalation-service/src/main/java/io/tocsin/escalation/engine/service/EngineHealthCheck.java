package io.tocsin.escalation.engine.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports how far the escalation engine lags as a readiness detail. It stays UP: any replica can catch up on
 * overdue timers, and the database check already covers what this service cannot work without.
 */
@Readiness
@ApplicationScoped
public class EngineHealthCheck implements HealthCheck {

    private final TimerLoop loop;

    public EngineHealthCheck(TimerLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        long overdue = loop.overdue();
        return HealthCheckResponse.named("escalation-engine").up()
                .withData("timers", overdue == 0 ? "on time" : "degraded")
                .withData("overdueTimers", overdue)
                .build();
    }
}
