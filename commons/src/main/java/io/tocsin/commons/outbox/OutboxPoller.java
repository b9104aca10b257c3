package io.tocsin.commons.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import io.tocsin.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * Runs the relay's recovery poll on every replica. It waits for the application's start: the relay injects the
 * outgoing Kafka channel, which exists only once messaging is wired, and the scheduler can fire before that.
 */
@ApplicationScoped
public class OutboxPoller {

    /** How long a stopping service waits for the batch it is publishing before it lets go of the lease. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final OutboxRelay relay;
    private final KafkaClientService kafka;
    private final MeterRegistry registry;
    private volatile boolean started;

    public OutboxPoller(OutboxRelay relay, KafkaClientService kafka, MeterRegistry registry) {
        this.relay = relay;
        this.kafka = kafka;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        // Registered here, not in the relay: the relay is created on first use, and the lag gauge must be
        // scrapeable from the start, before any event was written.
        Gauge.builder("tocsin_outbox_pending", relay, OutboxRelay::pending)
                .description("Outbox rows not yet acknowledged by Kafka, as of the last poll")
                .strongReference(true)
                .register(registry);
        started = true;
        warmUp();
    }

    /**
     * Fetches the metadata of every event topic once at start, so the first event after a restart (often the
     * page that matters) does not wait for it. Failures are harmless: the relay fetches what it needs anyway.
     */
    private void warmUp() {
        KafkaProducer<String, String> producer = kafka.getProducer("outbox");
        if (producer == null) {
            return;
        }
        for (EventType type : EventType.values()) {
            producer.partitionsFor(type.topic()).subscribe().with(
                    partitions -> Log.debugf("Kafka topic %s: %d partitions", type.topic(), partitions.size()),
                    failure -> Log.debugf("Kafka metadata for %s not fetched yet: %s", type.topic(), failure.getMessage()));
        }
    }

    /** ShutdownEvent comes before the pool and the Kafka producer close: the relay can still finish and let go. */
    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        started = false;
        relay.stop(STOP_WAIT);
    }

    @Scheduled(every = "${tocsin.outbox.poll-interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return started ? relay.poll() : Uni.createFrom().voidItem();
    }
}
