package io.tocsin.escalation.engine;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Every replica's timer loop: each tick applies whatever is due (interval {@code tocsin.escalation.tick}). */
@ApplicationScoped
public class TimerLoop {

    private final EscalationEngine engine;

    public TimerLoop(EscalationEngine engine) {
        this.engine = engine;
    }

    @Scheduled(every = "${tocsin.escalation.tick:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return engine.runDue()
                .invoke(pass -> {
                    if (pass.total() > 0) {
                        Log.debugf("Escalation pass: %d levels, %d delayed pages, %d target clocks",
                                pass.escalations(), pass.pages(), pass.targets());
                    }
                })
                .onFailure().invoke(e -> Log.warn("Escalation pass failed; the next tick retries", e))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
