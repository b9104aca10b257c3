package io.tocsin.incident.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tocsin.commons.outbox.OutboxConfig;
import io.tocsin.commons.outbox.OutboxRelay;
import io.tocsin.events.Topics;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TocsinTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.AfterEach;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two relays on one outbox, as two replicas of a service run them: this service's own, and a second one that keeps
 * asking to drain while alerts arrive from several clients.
 * <ul>
 *   <li>While the lease holder is alive, the other relay publishes nothing: every event reaches Kafka exactly once,
 *       in order per incident.</li>
 *   <li>When the lease is taken from a holder that is still publishing (a replica that stalled past its lease), the
 *       new holder may publish rows the old one is still sending: duplicates with the same event id, which
 *       consumers skip. Nothing is lost, and each incident's events first appear in the order they happened.</li>
 *   <li>When the broker goes away while a batch is in flight, every row is published once it is back, each
 *       incident's events still first appear in order, and a row published twice carries the same event id.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class TwoRelaysTest {

    private static final int INCIDENTS = 20;

    @Inject
    Pool pool;

    @Inject
    @Channel("outbox")
    MutinyEmitter<String> emitter;

    @Inject
    OutboxConfig config;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The second relay may hold the lease at the end; hand it back so the service's own relay publishes at once. */
    @AfterEach
    void releaseTheLease() {
        TestDatabase.execute("update outbox_lease set expires_at = now() - interval '1 second'");
    }

    @Test
    void whileTheHolderLivesEveryEventOnceAndInOrder() throws Exception {
        Set<String> incidents = withRivalRelay(false);
        List<JsonNode> events = events(incidents);
        assertEquals(INCIDENTS * 2, events.size(), "every event once: none lost, none published twice");
        assertInOrderPerIncident(events);
    }

    @Test
    void aStalledHolderCausesDuplicatesButNoLossAndNoReordering() throws Exception {
        Set<String> incidents = withRivalRelay(true);
        List<JsonNode> events = events(incidents);
        Set<String> eventIds = new HashSet<>();
        events.forEach(e -> eventIds.add(e.get("eventId").asText()));
        assertEquals(INCIDENTS * 2, eventIds.size(), "no event lost");
        assertInOrderPerIncident(events);
    }

    @Test
    void aRelayThatLosesKafkaMidBatchPublishesEveryRowInOrderPerIncident() throws Exception {
        String key = Integrations.create("generic").key();
        String run = key.substring(3, 11);
        Set<String> incidents = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long sentBefore = TestDatabase.count("select count(*) from outbox where sent_at is not null");
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                String dedup = "midbatch-" + run + "-" + i;
                int n = i;
                sent.add(clients.submit(() -> {
                    incidents.add(post(key, "{\"summary\":\"mid-batch " + n + "\",\"severity\":\"warning\","
                            + "\"dedup_key\":\"" + dedup + "\"}").then().statusCode(202).extract().path("incidentId"));
                    post(key, "{\"summary\":\"ok\",\"dedup_key\":\"" + dedup + "\",\"status\":\"resolved\"}")
                            .then().statusCode(202);
                    return null;
                }));
            }
            // The broker goes away once the relay is publishing this burst, with rows in flight and rows waiting.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    TestDatabase.count("select count(*) from outbox where sent_at is not null") > sentBefore + 3);
            TestInfrastructure.stopKafka();
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            TestInfrastructure.startKafka();
            clients.shutdown();
        }
        await().atMost(Duration.ofSeconds(90)).until(() ->
                TestDatabase.count("select count(*) from outbox where sent_at is null") == 0);

        List<JsonNode> events = events(incidents);
        Set<String> eventIds = new HashSet<>();
        events.forEach(e -> eventIds.add(e.get("eventId").asText()));
        assertEquals(INCIDENTS * 2, eventIds.size(), "every row published; a repeat only with the same event id");
        assertInOrderPerIncident(events);
    }

    @Test
    void aStoppedRelayHandsItsLeaseBack() throws Exception {
        // A second replica's relay takes the lease (its drain takes it even with nothing to send)...
        OutboxRelay second = new OutboxRelay(pool, emitter, config);
        TestDatabase.execute("update outbox_lease set expires_at = now() - interval '1 second'");
        second.wake();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                TestDatabase.count("select count(*) from outbox_lease where expires_at > now()") == 1);
        // ...and its service stops, as in a rolling update.
        second.stop(Duration.ofSeconds(5));
        assertEquals(0, TestDatabase.count("select count(*) from outbox_lease"), "the lease is handed back");

        // This service's relay publishes the next alert's event well within the stopped relay's 30-s lease.
        String incident = post(Integrations.create("generic").key(), "{\"summary\":\"after a restart\"}")
                .then().statusCode(202).extract().path("incidentId");
        assertEquals(1, TestKafka.await(Topics.INCIDENT_EVENTS, r -> incident.equals(r.key()), 1,
                Duration.ofSeconds(15)).size(), "published without waiting for the stopped relay's lease to run out");
    }

    /** Posts a trigger and a resolve per incident from four clients while a second relay keeps waking. */
    private Set<String> withRivalRelay(boolean takeLeaseAway) throws Exception {
        OutboxRelay second = new OutboxRelay(pool, emitter, config);
        String key = Integrations.create("generic").key();
        String run = key.substring(3, 11);
        AtomicBoolean alertsComing = new AtomicBoolean(true);
        Thread rival = new Thread(() -> {
            while (alertsComing.get()) {
                second.wake();
                if (takeLeaseAway) {
                    TestDatabase.execute("update outbox_lease set expires_at = now() - interval '1 second'");
                }
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
            // Like a replica's poller, the rival keeps waking until the outbox is drained, whoever holds the lease.
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    TestDatabase.count("select count(*) from outbox where sent_at is null") == 0);
        } finally {
            alertsComing.set(false);
            rival.join();
            clients.shutdown();
        }
        return incidents;
    }

    private List<JsonNode> events(Set<String> incidents) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> incidents.contains(r.key()), INCIDENTS * 2, Duration.ofSeconds(60))) {
            events.add(mapper.readTree(record.value()));
        }
        return events;
    }

    /** Each incident's events, at their first appearance on its partition, in the order they happened. */
    private static void assertInOrderPerIncident(List<JsonNode> events) {
        Map<String, List<String>> firstSeen = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode event : events) {
            if (seen.add(event.get("eventId").asText())) {
                firstSeen.computeIfAbsent(event.get("incidentId").asText(), k -> new ArrayList<>())
                        .add(event.get("type").asText());
            }
        }
        assertEquals(INCIDENTS, firstSeen.size());
        firstSeen.values().forEach(types -> assertEquals(List.of("IncidentTriggered", "IncidentResolved"), types));
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
