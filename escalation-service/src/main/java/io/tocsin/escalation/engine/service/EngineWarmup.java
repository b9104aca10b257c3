package io.tocsin.escalation.engine.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.tocsin.commons.startup.Warmup;
import io.tocsin.escalation.engine.repository.EngineRepository;
import io.tocsin.escalation.engine.repository.EscalationRepository;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.UUID;

/** Loads the routing snapshot and the escalation row's loader once at start (see commons' Warmup). */
@ApplicationScoped
public class EngineWarmup {

    void onStart(@Observes StartupEvent event, Vertx vertx, Routing routing, EscalationRepository escalations,
                 EngineRepository db) {
        Warmup.run(vertx, "the escalation engine", () -> Panache.withTransaction(() -> routing.now()
                .chain(() -> db.now())
                .chain(() -> escalations.lockById(UUID.randomUUID()))));
    }
}
