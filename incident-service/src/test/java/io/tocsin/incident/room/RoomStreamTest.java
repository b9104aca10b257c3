package io.tocsin.incident.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.room.service.RoomTokens;
import io.tocsin.incident.support.SseClient;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static io.tocsin.incident.room.RolesTest.ALICE;
import static io.tocsin.incident.room.RolesTest.openIncident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live timeline over Server-Sent Events: catch-up from Last-Event-ID, then live, never a gap or a repeat, whether
 * entries are written while the stream starts, while it runs, while the client is away, or by another replica.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class RoomStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "tocsin.room.link-secret")
    String linkSecret;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void resumesAfterLastEventIdThenFollowsLiveAndResumesAgainAfterAReconnect() throws Exception {
        String id = openIncident(ALICE, "P1");
        notes(id, 3);                                                           // 2..4
        List<SseClient.Event> events = new ArrayList<>();
        try (SseClient stream = connect(id, "2")) {
            assertEquals(200, stream.status());
            assertEquals("no", stream.header("X-Accel-Buffering"), "proxies must not buffer the stream");
            events.addAll(stream.take(2, WAIT));                                // 3, 4
            parallelNotes(id, 20);                                              // 5..24 while it runs
            events.addAll(stream.take(20, WAIT));
            events.addAll(stream.drain(QUIET));
        }
        assertEquals(range(3, 24), ids(events), "every entry once, in order");
        JsonNode third = mapper.readTree(events.get(0).data());
        assertEquals("timeline", events.get(0).name());
        assertEquals(3, third.get("seq").asLong());
        assertEquals("note", third.get("kind").asText());
        assertEquals("user:alice", third.get("actor").asText());
        assertTrue(third.get("detail").asText().startsWith("note "), third.toString());

        notes(id, 5);                                                           // 25..29 while away
        List<SseClient.Event> resumed = new ArrayList<>();
        try (SseClient stream = connect(id, "24")) {
            resumed.addAll(stream.take(5, WAIT));
            notes(id, 1);                                                       // 30, live again
            resumed.addAll(stream.take(1, WAIT));
            resumed.addAll(stream.drain(QUIET));
        }
        assertEquals(range(25, 30), ids(resumed));
    }

    @Test
    void aStreamStartingWhileEntriesAreWrittenMissesNoneAndRepeatsNone() throws Exception {
        String id = openIncident(ALICE, "P2");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                writing.add(writers.submit(() -> notes(id, 10)));
            }
            List<SseClient.Event> events = new ArrayList<>();
            try (SseClient stream = connect(id, null)) {
                for (Future<?> w : writing) {
                    w.get();
                }
                events.addAll(stream.take(41, WAIT));
                events.addAll(stream.drain(QUIET));
            }
            assertEquals(range(1, 41), ids(events), "the trigger and 40 notes, each once, in order");
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void anEntryAnotherReplicaWritesArrivesToo() throws Exception {
        String id = openIncident(ALICE, "P3");
        try (SseClient stream = connect(id, "1")) {
            assertEquals(200, stream.status());
            // What another replica's transaction does: lock the incident, take the next number, chain the entry.
            TestDatabase.execute("""
                    with old as (select id, timeline_seq + 1 as seq, timeline_head from incident where id = ?::uuid),
                         content as (select id, seq, timeline_head as previous,
                                            tocsin_timeline_content(id, seq, now(), 'note', 'user:replica-2',
                                                                    'written elsewhere') as content_hash from old),
                         entry as (select id, seq, now() as at, previous, content_hash,
                                          tocsin_timeline_link(previous, content_hash) as hash from content),
                         moved as (update incident i set timeline_seq = e.seq, timeline_head = e.hash from entry e
                                   where i.id = e.id returning i.id)
                    insert into timeline_entry (incident_id, seq, at, kind, actor, detail, previous_hash, content_hash, hash)
                    select id, seq, at, 'note', 'user:replica-2', 'written elsewhere', previous, content_hash, hash
                    from entry""", id);
            SseClient.Event event = stream.take(1, WAIT).get(0);
            assertEquals("2", event.id());
            assertEquals("written elsewhere", mapper.readTree(event.data()).get("detail").asText());
        }
    }

    @Test
    void aRoomLinkOpensTheStreamOfItsIncidentUntilItExpires() throws Exception {
        String id = openIncident(ALICE, "P2");
        RoomTokens tokens = new RoomTokens(linkSecret.getBytes(StandardCharsets.UTF_8));
        String token = tokens.sign(new RoomTokens.Grant(UUID.fromString(id), "dave", Instant.now().plusSeconds(600)));
        try (SseClient stream = SseClient.connect(root + "room/" + token + "/stream?after=0", Map.of())) {
            assertEquals(200, stream.status());
            assertEquals("1", stream.take(1, WAIT).get(0).id());
            notes(id, 1);
            assertEquals("2", stream.take(1, WAIT).get(0).id());
        }
        String expired = tokens.sign(new RoomTokens.Grant(UUID.fromString(id), "dave", Instant.now().minusSeconds(1)));
        given().get("/room/" + expired + "/stream").then().statusCode(410).contentType("application/problem+json");
        given().get("/room/" + expired).then().statusCode(410);
        String forged = new RoomTokens("another key, at least thirty-two characters".getBytes(StandardCharsets.UTF_8))
                .sign(new RoomTokens.Grant(UUID.fromString(id), "dave", Instant.now().plusSeconds(600)));
        given().get("/room/" + forged + "/stream").then().statusCode(404).contentType("application/problem+json");
        given().get("/room/not-a-token").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void readingTheStreamNeedsTheRightsToReadTheIncident() {
        String id = openIncident(ALICE, "P4");
        try (SseClient stream = SseClient.connect(root + "api/v1/incidents/" + id + "/stream", Map.of())) {
            assertEquals(401, stream.status());
        }
        try (SseClient stream = connect(id, null, TestTokens.bearer("sam", "stakeholder"))) {
            assertEquals(403, stream.status());
        }
        try (SseClient stream = connect(UUID.randomUUID().toString(), null, ALICE)) {
            assertEquals(404, stream.status());
            assertEquals("application/problem+json", stream.header("Content-Type"));
        }
        for (String bad : new String[]{"abc", "-1", "1.5"}) {
            try (SseClient stream = connect(id, bad, ALICE)) {
                assertEquals(400, stream.status(), bad);
            }
        }
    }

    private SseClient connect(String id, String lastEventId) {
        return connect(id, lastEventId, ALICE);
    }

    private SseClient connect(String id, String lastEventId, String auth) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Authorization", auth));
        if (lastEventId != null) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return SseClient.connect(root + "api/v1/incidents/" + id + "/stream", headers);
    }

    private static void notes(String id, int count) {
        for (int i = 0; i < count; i++) {
            given().header("Authorization", ALICE).contentType(ContentType.JSON)
                    .body("{\"text\":\"note " + UUID.randomUUID() + "\"}")
                    .post("/api/v1/incidents/" + id + "/notes").then().statusCode(201);
        }
    }

    private static void parallelNotes(String id, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                all.add(pool.submit(() -> notes(id, 1)));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Long> ids(List<SseClient.Event> events) {
        return events.stream().map(e -> Long.parseLong(e.id())).toList();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
