package io.tocsin.incident.intake.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.tocsin.commons.startup.Warmup;
import io.tocsin.incident.classification.model.AlertFacts;
import io.tocsin.incident.classification.service.ClassificationService;
import io.tocsin.incident.integration.service.IntegrationService;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.UUID;

/** Reads the classification rules and looks up an integration key once at start (see commons' Warmup). */
@ApplicationScoped
public class IntakeWarmup {

    void onStart(@Observes StartupEvent event, Vertx vertx, ClassificationService classification,
                 IntegrationService integrations) {
        Warmup.run(vertx, "intake", () -> Panache.withSession(() -> classification.classify(
                        new AlertFacts(UUID.randomUUID(), "warm-up", "critical", "warm-up", "warm-up", Map.of()), "warm-up"))
                .chain(() -> integrations.admit("tk_warm-up").onFailure().recoverWithNull()));
    }
}
