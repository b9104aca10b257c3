package io.tocsin.escalation.engine.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.repository.EngineRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicLong;

/** Every replica's timer loop: each tick applies whatever is due (interval {@code tocsin.escalation.tick}). */
@ApplicationScoped
public class TimerLoop {

    private final EscalationEngine engine;
    private final EngineRepository db;
    private final EngineConfig config;
    private final AtomicLong overdue = new AtomicLong();

    public TimerLoop(EscalationEngine engine, EngineRepository db, EngineConfig config, MeterRegistry registry) {
        this.engine = engine;
        this.db = db;
        this.config = config;
        registry.gauge("tocsin_escalation_timers_overdue", overdue);
    }

    /** Timers overdue by more than a minute past their tick, as of the last pass (0 while the engine keeps up). */
    public long overdue() {
        return overdue.get();
    }

    @Scheduled(every = "${tocsin.escalation.tick:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return engine.runDue()
                .invoke(pass -> {
                    if (pass.total() > 0) {
                        Log.debugf("Escalation pass: %d levels, %d delayed pages, %d target clocks, %d breach clocks",
                                pass.escalations(), pass.pages(), pass.targets(), pass.breachClocks());
                    }
                })
                .call(pass -> Panache.withSession(() -> db.overdue(60 + config.tick().toSeconds()))
                        .invoke(overdue::set))
                .onFailure().invoke(e -> Log.warn("Escalation pass failed; the next tick retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
