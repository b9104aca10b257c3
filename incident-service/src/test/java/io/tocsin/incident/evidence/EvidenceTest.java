package io.tocsin.incident.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.incident.evidence.model.Evidence;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Evidence: files up to 10 MiB (the one path allowed a body that large) and links with their hash, who added them
 * and when, on the timeline and on Kafka, and a custody log of every read.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class EvidenceTest {

    static final String ALICE = TestTokens.bearer("alice", "responder");
    static final String BOB = TestTokens.bearer("bob", "incident-commander");
    static final int MIB = 1024 * 1024;

    @TestHTTPResource("/")
    URL root;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aFileIsStoredWithItsHashOnTheTimelineAndOnKafkaOnceAndReadsAreInItsCustodyLog() throws Exception {
        String id = incident();
        byte[] file = bytes(1536 * 1024);
        String sha = sha256(file);
        String evidenceId = upload(ALICE, id, "fw-edge.log", "application/vnd.tcpdump.pcap", file).statusCode(201)
                .body("kind", equalTo("file"))
                .body("sha256", equalTo(sha))
                .body("sizeBytes", equalTo(file.length))
                .body("mediaType", equalTo("application/vnd.tcpdump.pcap"))
                .body("addedBy", equalTo("user:alice"))
                .extract().path("id");
        upload(ALICE, id, "fw-edge (again).log", "application/vnd.tcpdump.pcap", file).statusCode(200).body("id", equalTo(evidenceId));

        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("kind", equalTo(List.of("triggered", "evidence-added")))
                .body("detail[1]", equalTo("fw-edge.log (application/vnd.tcpdump.pcap, " + file.length + " bytes), SHA-256 "
                        + sha));
        List<ConsumerRecord<String, String>> added = TestKafka.await(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("\"EvidenceAdded\""), 1, Duration.ofSeconds(20));
        assertEquals(1, added.size(), "one event for one piece of evidence");
        EventSchemaAssert.assertMatchesSchema(added.get(0).value());
        JsonNode event = mapper.readTree(added.get(0).value()).get("data");
        assertEquals(sha, event.get("sha256").asText());
        assertEquals(evidenceId, event.get("evidenceId").asText());

        var read = given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/evidence/" + evidenceId + "/content")
                .then().statusCode(200).contentType("application/octet-stream")
                .header("Content-Disposition", equalTo("attachment; filename=\"fw-edge.log\"; filename*=UTF-8''fw-edge.log"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":")
                .extract();
        assertArrayEquals(file, read.asByteArray());
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/evidence/" + evidenceId).then()
                .statusCode(200)
                .body("evidence.name", equalTo("fw-edge.log"))
                .body("custody.actor", equalTo(List.of("user:bob")))
                .body("custody.action", equalTo(List.of("read")));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/evidence").then().statusCode(200)
                .body("id", equalTo(List.of(evidenceId)));
    }

    @Test
    void tenMebibytesGoInOneByteMoreIs413AndLeavesNothingBehind() throws Exception {
        String id = incident();
        upload(ALICE, id, "memory.dump", "application/octet-stream", bytes(10 * MIB)).statusCode(201)
                .body("sizeBytes", equalTo(10 * MIB));
        long rows = rows();
        upload(ALICE, id, "too-big.dump", "application/octet-stream", bytes(10 * MIB + 1)).statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("10485760"));
        // Without a Content-Length (chunked), Vert.x stops it while it streams in.
        assertEquals(413, chunked("/api/v1/incidents/" + id + "/evidence/files?name=chunked.dump", 10 * MIB + 4096));
        assertEquals(rows, rows(), "nothing stored, nothing on the timeline, nothing to publish");
        assertEquals(201, chunked("/api/v1/incidents/" + id + "/evidence/files?name=chunked-small.dump", 2 * MIB));
    }

    @Test
    void theLargerLimitIsForEvidenceFilesOnly() throws Exception {
        String id = incident();
        long rows = rows();
        String note = "{\"text\":\"" + "n".repeat(600_000) + "\"}";
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body(note)
                .post("/api/v1/incidents/" + id + "/notes").then().statusCode(413).contentType("application/problem+json");
        byte[] longNote = ("{\"text\":\"" + "n".repeat(700_000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(413, chunked("/api/v1/incidents/" + id + "/notes", longNote));
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"url\":\"https://x.test/" + "a".repeat(600_000) + "\",\"sha256\":\"" + "0".repeat(64) + "\"}")
                .post("/api/v1/incidents/" + id + "/evidence/links").then().statusCode(413);
        assertEquals(rows, rows());
    }

    @Test
    void aLinkCarriesTheHashItsAdderVouchesForAndFollowingItIsARead() {
        String id = incident();
        String sha = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
        String body = "{\"name\":\"pcap, edge 09:00-10:00\",\"url\":\"https://files.example.test/cases/42/edge.pcap\","
                + "\"sha256\":\"" + sha + "\",\"description\":\"captured by the ISP\"}";
        String evidenceId = link(ALICE, id, body).statusCode(201).body("kind", equalTo("link"))
                .body("sha256", equalTo(sha.toLowerCase())).extract().path("id");
        link(ALICE, id, body).statusCode(200).body("id", equalTo(evidenceId));
        given().header("Authorization", BOB).redirects().follow(false)
                .get("/api/v1/incidents/" + id + "/evidence/" + evidenceId + "/content").then().statusCode(303)
                .header("Location", "https://files.example.test/cases/42/edge.pcap");
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/evidence/" + evidenceId).then()
                .body("custody.actor", equalTo(List.of("user:bob")));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("detail", hasItem("pcap, edge 09:00-10:00: https://files.example.test/cases/42/edge.pcap, SHA-256 "
                        + sha.toLowerCase()));
    }

    @Test
    void wrongRolesBadInputAndUnknownIdsAreProblemsAndLeaveNothingBehind() {
        String id = incident();
        long rows = rows();
        String base = "/api/v1/incidents/" + id + "/evidence";
        String stakeholder = TestTokens.bearer("sam", "stakeholder");
        upload(stakeholder, id, "x.log", "text/plain", bytes(10)).statusCode(403).contentType("application/problem+json");
        given().header("Authorization", stakeholder).get(base).then().statusCode(403);
        given().contentType(ContentType.TEXT).body("x").post(base + "/files?name=x").then().statusCode(401);
        upload(ALICE, id, null, "text/plain", bytes(10)).statusCode(422).contentType("application/problem+json")
                .body("errors", hasItem(containsString("name")));
        upload(ALICE, id, "two\nlines.log", "text/plain", bytes(10)).statusCode(422);
        upload(ALICE, id, "x".repeat(256), "text/plain", bytes(10)).statusCode(422);
        upload(ALICE, id, "empty.log", "text/plain", new byte[0]).statusCode(422);
        upload(ALICE, UUID.randomUUID().toString(), "x.log", "text/plain", bytes(10)).statusCode(404)
                .contentType("application/problem+json");
        link(ALICE, id, "{\"name\":\"x\",\"url\":\"javascript:alert(1)\",\"sha256\":\"" + "0".repeat(64) + "\"}")
                .statusCode(422).body("errors", hasItem(containsString("url")));
        link(ALICE, id, "{\"name\":\"x\",\"url\":\"https://x.test/a\",\"sha256\":\"not-a-hash\"}").statusCode(422);
        link(ALICE, id, "{\"name\":\"x\",\"url\":\"https://x.test/a\"}").statusCode(422);
        link(ALICE, id, "{\"name\":\"x\",\"url\":").statusCode(400).contentType("application/problem+json");
        link(ALICE, id, "{\"name\":[\"x\"],\"url\":\"https://x.test/a\",\"sha256\":\"" + "0".repeat(64) + "\"}")
                .statusCode(400);
        given().header("Authorization", ALICE).get(base + "/" + UUID.randomUUID()).then().statusCode(404);
        given().header("Authorization", ALICE).get(base + "/" + UUID.randomUUID() + "/content").then().statusCode(404);
        assertEquals(rows, rows());

        String elsewhere = upload(ALICE, incident(), "other.log", "text/plain", bytes(10)).statusCode(201)
                .extract().path("id");
        given().header("Authorization", ALICE).get(base + "/" + elsewhere + "/content").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(0, TestDatabase.count("select count(*) from evidence_access where evidence_id = ?::uuid", elsewhere),
                "a refused read is no read");
    }

    static String incident() {
        return given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout-api\",\"priority\":\"P1\",\"summary\":\"customer data exposed\"}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
    }

    static io.restassured.response.ValidatableResponse upload(String auth, String id, String name, String type,
                                                               byte[] content) {
        // Sent as a browser or curl would: the type as given, no charset added.
        var request = given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Authorization", auth).contentType(type).body(content);
        if (name != null) {
            request = request.queryParam("name", name);
        }
        return request.post("/api/v1/incidents/" + id + "/evidence/files").then();
    }

    private static io.restassured.response.ValidatableResponse link(String auth, String id, String body) {
        return given().header("Authorization", auth).contentType(ContentType.JSON).body(body)
                .post("/api/v1/incidents/" + id + "/evidence/links").then();
    }

    /** Posts {@code size} bytes without a Content-Length, as a streaming client would; answers the status. */
    private int chunked(String path, int size) throws Exception {
        return chunked(path, bytes(size));
    }

    private int chunked(String path, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString().replaceAll("/$", "") + path))
                .header("Authorization", ALICE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            // The server may answer 413 and close before the whole body is sent: that is a refusal too.
            return 413;
        }
    }

    private static long rows() {
        return TestDatabase.count("select (select count(*) from evidence) + (select count(*) from evidence_content)"
                + " + (select count(*) from timeline_entry) + (select count(*) from outbox)");
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
