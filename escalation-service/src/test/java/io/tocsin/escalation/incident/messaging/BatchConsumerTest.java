package io.tocsin.escalation.incident.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.tocsin.escalation.support.Api;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One batch of three incident events, as the Kafka consumer hands it over, whose third record fails in the handler:
 * the batch's transaction rolls back, the first two take effect once each (one page each, not two), the third goes
 * to the dead-letter topic, and the same batch delivered again changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class BatchConsumerTest {

    private static final Actor MONITOR = new Actor(Actor.Kind.INTEGRATION, "int-1", "Alertmanager", null);

    @Inject
    IncidentEventsConsumer consumer;

    @Inject
    Vertx vertx;

    @Test
    void aFailingThirdRecordIsDeadLetteredAndTheFirstTwoTakeEffectOnce() throws Exception {
        String service = Api.unique("batch");
        String oncall = Api.responder(Api.unique("oncall"));
        Api.route(service, "P1", Api.policy(Api.unique("batch-policy"), 0, 3600, "RESPONDER:" + oncall));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        Instant now = Instant.now();
        // The third names no priority: it can be read, but escalation cannot apply it.
        String unusable = Api.MAPPER.writeValueAsString(triggered(broken, service, now))
                .replace("\"priority\":\"P1\",", "");
        ConsumerRecords<String, String> batch = batch(
                record(0, first, Api.MAPPER.writeValueAsString(triggered(first, service, now))),
                record(1, second, Api.MAPPER.writeValueAsString(triggered(second, service, now))),
                record(2, broken, unusable));

        consume(batch);

        assertEquals(1, Api.pages(first, 1).size());
        assertEquals(1, Api.pages(second, 1).size());
        assertEquals(1, pageRows(first), "paged once, although the batch's first attempt was rolled back");
        assertEquals(1, pageRows(second));
        assertEquals(0, TestDatabase.count("select count(*) from escalation where incident_id = ?::uuid", broken.toString()));
        assertEquals(1, TestKafka.await("tocsin.incident-events.escalation-dlq", r -> broken.toString().equals(r.key()),
                1, Duration.ofSeconds(20)).size());

        consume(batch);

        assertEquals(1, pageRows(first), "a redelivered batch pages nobody again");
        assertEquals(1, pageRows(second));
        assertEquals(1, TestDatabase.count("select count(*) from outbox where topic = 'tocsin.incident-events.escalation-dlq'"
                + " and message_key = ?", broken.toString()), "dead-lettered once");
    }

    @Test
    void aRecordWhoseKeyHoldsNulIsDeadLetteredNotDropped() throws Exception {
        // A broken producer's record: PostgreSQL text cannot hold the NUL of its key, nor of its value.
        String key = "bad\u0000key-" + UUID.randomUUID();
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.INCIDENT_EVENTS, 0,
                ThreadLocalRandom.current().nextLong(1L << 40), key, "not\u0000json");

        consume(batch(record));

        String stored = key.replace('\u0000', '\uFFFD');
        List<ConsumerRecord<String, String>> dead = TestKafka.await("tocsin.incident-events.escalation-dlq",
                r -> stored.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size(), "kept on the dead-letter topic, with U+FFFD for each NUL");
        assertEquals("not\uFFFDjson", dead.get(0).value());
    }

    private static Envelope<IncidentTriggered> triggered(UUID incident, String service, Instant at) {
        return Envelope.of(new IncidentTriggered(service, Priority.P1, "critical", "checkout down", "prometheus",
                incident.toString(), at.plus(Duration.ofMinutes(15)), List.of(), MONITOR), incident, at);
    }

    private static ConsumerRecord<String, String> record(long offset, UUID key, String value) {
        return new ConsumerRecord<>(Topics.INCIDENT_EVENTS, 0, offset, key.toString(), value);
    }

    @SafeVarargs
    private static ConsumerRecords<String, String> batch(ConsumerRecord<String, String>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.INCIDENT_EVENTS, 0), List.of(records)), Map.of());
    }

    /** Runs the consumer as SmallRye does: on a Vert.x context of its own, until its transaction committed. */
    private void consume(ConsumerRecords<String, String> batch) throws Exception {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> consumer.consume(batch).subscribe().with(done::complete, done::completeExceptionally));
        done.get(60, TimeUnit.SECONDS);
    }

    private static long pageRows(UUID incident) {
        return TestDatabase.count("select count(*) from page where incident_id = ?::uuid", incident.toString());
    }
}
