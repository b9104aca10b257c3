package io.tocsin.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tocsin.commons.outbox.OutboxConfig;
import io.tocsin.commons.outbox.OutboxRelay;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.support.Integrations;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two relays on one outbox, as two replicas of a service would run them: this service's own and a second one that
 * keeps asking to drain while alerts arrive from several clients, and the lease is taken from its holder halfway as
 * if that replica had died. Every event still reaches Kafka once, and each incident's events in the order they
 * happened.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class TwoRelaysTest {

    private static final int INCIDENTS = 40;

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    OutboxConfig config;

    @Inject
    Vertx vertx;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void everyEventOnceAndInOrderPerIncident() throws Exception {
        OutboxRelay second = new OutboxRelay(sessions, emitter, config, vertx);
        String key = Integrations.create("generic").key();
        String run = key.substring(3, 11);
        AtomicBoolean alertsComing = new AtomicBoolean(true);
        Thread rival = new Thread(() -> {
            while (alertsComing.get()) {
                second.wake();
                sleep(3);
            }
        });
        rival.start();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        Set<String> incidents = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                String dedup = "relays-" + run + "-" + i;
                int n = i;
                sent.add(clients.submit(() -> {
                    if (n == INCIDENTS / 2) {
                        // The lease holder "dies": whichever relay drains next takes over.
                        TestDatabase.execute("update outbox_lease set expires_at = now() - interval '1 second'");
                    }
                    incidents.add(post(key, "{\"summary\":\"relay " + n + "\",\"severity\":\"warning\",\"dedup_key\":\""
                            + dedup + "\"}").then().statusCode(202).extract().path("incidentId"));
                    post(key, "{\"summary\":\"ok\",\"dedup_key\":\"" + dedup + "\",\"status\":\"resolved\"}")
                            .then().statusCode(202);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            alertsComing.set(false);
            rival.join();
            clients.shutdown();
        }

        List<ConsumerRecord<String, String>> records = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> incidents.contains(r.key()), INCIDENTS * 2, Duration.ofSeconds(60));
        Set<String> eventIds = new HashSet<>();
        Map<String, List<String>> perIncident = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode event = mapper.readTree(record.value());
            eventIds.add(event.get("eventId").asText());
            perIncident.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(event.get("type").asText());
        }
        assertEquals(INCIDENTS * 2, records.size(), "every event once: none lost, none published twice");
        assertEquals(INCIDENTS * 2, eventIds.size());
        perIncident.values().forEach(types -> assertEquals(
                List.of("IncidentTriggered", "IncidentResolved"), types));
        assertEquals(0, TestDatabase.count("select count(*) from outbox where sent_at is null"));
    }

    private static io.restassured.response.Response post(String key, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/integrations/" + key + "/generic");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
