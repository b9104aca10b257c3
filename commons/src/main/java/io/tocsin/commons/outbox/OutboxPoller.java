package io.tocsin.commons.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the relay's recovery poll on every replica. It waits for the application's start: the relay injects the
 * outgoing Kafka channel, which exists only once messaging is wired, and the scheduler can fire before that.
 */
@ApplicationScoped
public class OutboxPoller {

    private final OutboxRelay relay;
    private volatile boolean started;

    public OutboxPoller(OutboxRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        started = false;
    }

    @Scheduled(every = "${tocsin.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return started ? relay.poll() : Uni.createFrom().voidItem();
    }
}
