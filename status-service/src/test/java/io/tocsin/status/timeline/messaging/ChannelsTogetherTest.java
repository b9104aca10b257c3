package io.tocsin.status.timeline.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static io.tocsin.status.Events.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two channels apply batches about the same incidents at the same time, met in opposite orders (as the incident
 * and escalation topics hand them over under load). Each locks its incidents' rows; applied in record order they
 * deadlocked, PostgreSQL broke the tie after a second, and the loser was applied again event by event. Both batches
 * must commit on their first try: PostgreSQL counts no deadlock, and every incident has both lines.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ChannelsTogetherTest {

    private static final int INCIDENTS = 40;

    @Inject
    TimelineConsumer consumer;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Test
    void batchesOfTwoChannelsThatMeetTheSameIncidentsInOppositeOrdersDoNotDeadlock() throws Exception {
        List<UUID> incidents = new ArrayList<>();
        for (int i = 0; i < INCIDENTS; i++) {
            incidents.add(UUID.randomUUID());
        }
        Instant t0 = Instant.now();
        ConsumerRecords<String, String> triggered = batch(Topics.INCIDENT_EVENTS, incidents, incident ->
                Envelope.of(new IncidentTriggered("checkout-api", Priority.P1, "critical", "error rate 45%",
                        "prometheus", "grp-" + incident, t0.plus(Duration.ofMinutes(15)), List.of(), INTEGRATION),
                        incident, t0));
        List<UUID> reversed = new ArrayList<>(incidents);
        Collections.reverse(reversed);
        ConsumerRecords<String, String> paged = batch(Topics.ESCALATION_EVENTS, reversed, incident ->
                Envelope.of(new EscalationStepReached("checkout-api", Priority.P1, "error rate 45%", "Checkout primary",
                        1, 0, List.of(new PersonRef("bob", "Bob Oncall"))), incident, t0.plusSeconds(1)));
        long deadlocksBefore = deadlocks();

        CompletableFuture<Void> first = onOwnContext(() -> consumer.incidentEvents(triggered));
        CompletableFuture<Void> second = onOwnContext(() -> consumer.escalationEvents(paged));
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        for (UUID incident : incidents) {
            assertEquals(2, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid",
                    incident.toString()), "both lines of " + incident);
        }
        // A backend reports its counters to the statistics when it goes idle, within about ten seconds.
        Thread.sleep(11_000);
        assertEquals(deadlocksBefore, deadlocks(), "deadlocks counted by PostgreSQL while the two batches ran");
    }

    private ConsumerRecords<String, String> batch(String topic, List<UUID> incidents,
                                                  Function<UUID, Envelope<?>> event) throws Exception {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (UUID incident : incidents) {
            records.add(new ConsumerRecord<>(topic, 0, records.size(), incident.toString(),
                    mapper.writeValueAsString(event.apply(incident))));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records), Map.of());
    }

    /** Runs a consumer as SmallRye does: on a Vert.x context of its own, until its transaction committed. */
    private CompletableFuture<Void> onOwnContext(java.util.function.Supplier<Uni<Void>> consume) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        context.runOnContext(ignored -> consume.get().subscribe().with(done::complete, done::completeExceptionally));
        return done;
    }

    private static long deadlocks() {
        return TestDatabase.count("select deadlocks from pg_stat_database where datname = current_database()");
    }
}
