package io.tocsin.incident.room;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.room.service.RoomTokens;
import io.tocsin.local.testing.Chromium;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.incident.room.RolesTest.ALICE;
import static io.tocsin.incident.room.RolesTest.BOB;
import static io.tocsin.incident.room.RolesTest.CAROL;
import static io.tocsin.incident.room.RolesTest.openIncident;
import static io.tocsin.incident.room.RolesTest.role;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incident room: tasks and the bridge through the API, the page over HTTP, and the page in headless Chromium at
 * 360 px, where new timeline entries and role changes appear without a reload.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class RoomPageTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "tocsin.room.link-secret")
    String linkSecret;

    @Test
    void theCommanderSetsTheBridgeAndNobodyElseMay() {
        String id = openIncident(ALICE, "P1");
        bridge(BOB, id, "https://meet.example.test/p1").statusCode(403).contentType("application/problem+json");
        role(ALICE, id, "commander", "assign", null).statusCode(200);
        bridge(BOB, id, "https://meet.example.test/p1").statusCode(403);
        for (int i = 0; i < 2; i++) {
            bridge(ALICE, id, "https://meet.example.test/p1").statusCode(200)
                    .body("url", equalTo("https://meet.example.test/p1"));
        }
        given().header("Authorization", BOB).get("/api/v1/incidents/" + id).then()
                .body("bridgeUrl", equalTo("https://meet.example.test/p1"));
        bridge(CAROL, id, "https://meet.example.test/p1-war-room").statusCode(200);
        long entries = TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id);
        bridge(ALICE, id, "javascript:alert(1)").statusCode(422).contentType("application/problem+json");
        bridge(ALICE, id, "https://" + "x".repeat(2100)).statusCode(422);
        bridge(ALICE, id, null).statusCode(422);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"url\":")
                .put("/api/v1/incidents/" + id + "/bridge").then().statusCode(400);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"url\":[\"https://x\"]}")
                .put("/api/v1/incidents/" + id + "/bridge").then().statusCode(400);
        bridge(ALICE, UUID.randomUUID().toString(), "https://meet.example.test/p1").statusCode(404);
        assertEquals(entries, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", ALICE).delete("/api/v1/incidents/" + id + "/bridge").then().statusCode(200)
                    .body("url", equalTo(null));
        }
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("kind", equalTo(List.of("triggered", "role-assigned", "bridge-set", "bridge-set", "bridge-removed")))
                .body("actor[3]", equalTo("user:carol"));
    }

    @Test
    void tasksHaveOwnersAndAPutOfTheSameTaskChangesNothing() {
        String id = openIncident(ALICE, "P2");
        String task = given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"title\":\"Roll back 1.4.2\",\"owner\":{\"id\":\"bob\",\"name\":\"Bob\"}}")
                .post("/api/v1/incidents/" + id + "/tasks").then().statusCode(201)
                .body("owner.name", equalTo("Bob")).body("status", equalTo("open")).extract().path("id");
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"Tell support\"}")
                .post("/api/v1/incidents/" + id + "/tasks").then().statusCode(201).body("owner", equalTo(null));
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", BOB).contentType(ContentType.JSON)
                    .body("{\"title\":\"Roll back 1.4.2\",\"owner\":{\"id\":\"bob\",\"name\":\"Bob\"},\"status\":\"done\"}")
                    .put("/api/v1/incidents/" + id + "/tasks/" + task).then().statusCode(200).body("status", equalTo("done"));
        }
        given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/tasks").then().statusCode(200)
                .body("title", equalTo(List.of("Tell support")));
        given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/tasks?status=all").then()
                .body("title", equalTo(List.of("Roll back 1.4.2", "Tell support")));
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("kind", equalTo(List.of("triggered", "task-added", "task-added", "task-done")))
                .body("actor[3]", equalTo("user:bob"))
                .body("detail[1]", equalTo("Roll back 1.4.2 (owner: Bob)"));

        long entries = TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id);
        String base = "/api/v1/incidents/" + id + "/tasks";
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).contentType(ContentType.JSON)
                .body("{\"title\":\"x\"}").post(base).then().statusCode(403);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"\"}").post(base)
                .then().statusCode(422).contentType("application/problem+json");
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"" + "x".repeat(501) + "\"}")
                .post(base).then().statusCode(422);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":{}}").post(base)
                .then().statusCode(400);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"title\":\"x\",\"status\":\"finished\"}").put(base + "/" + task).then().statusCode(422);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"x\",\"status\":\"open\"}")
                .put(base + "/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        String other = openIncident(ALICE, "P4");
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"x\",\"status\":\"open\"}")
                .put("/api/v1/incidents/" + other + "/tasks/" + task).then().statusCode(404);
        given().header("Authorization", ALICE).get("/api/v1/incidents/" + UUID.randomUUID() + "/tasks").then()
                .statusCode(404);
        given().header("Authorization", ALICE).get(base + "?status=late").then().statusCode(400);
        assertEquals(entries, TestDatabase.count("select count(*) from timeline_entry where incident_id = ?::uuid", id));
    }

    @Test
    void thePageIsForPeopleWhoMayReadTheIncidentAndLocksItselfDown() {
        String id = openIncident(ALICE, "P1");
        role(ALICE, id, "commander", "assign", null).statusCode(200);
        given().header("Authorization", BOB).get("/api/v1/incidents/" + id + "/room").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'nonce-"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("payments failing"))
                .body(containsString("<dt>Commander</dt><dd>alice</dd>"))
                .body(containsString("data-token=\""));
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).get("/api/v1/incidents/" + id + "/room")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/incidents/" + id + "/room").then().statusCode(401);
        given().header("Authorization", BOB).get("/api/v1/incidents/" + UUID.randomUUID() + "/room").then()
                .statusCode(404).contentType("application/problem+json");
        // What people type ends up as text, never as markup.
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"text\":\"<script>alert(1)</script>\"}").post("/api/v1/incidents/" + id + "/notes")
                .then().statusCode(201);
        given().get("/room/" + link(id, "dave", Instant.now().plusSeconds(600))).then().statusCode(200)
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)")));
    }

    @Test
    void inABrowserAtPhoneWidthNewEntriesAndRoleChangesAppearLive() throws Exception {
        Path chromium = Chromium.binary();
        if (chromium == null) {
            System.err.println("""

                    ************************************************************************
                    * SKIPPED: RoomPageTest needs Chromium (apt-get install chromium, or    *
                    * set TOCSIN_CHROMIUM). The room was NOT checked in a real browser.     *
                    ************************************************************************
                    """);
            Assumptions.abort("Chromium is not installed");
        }
        String id = openIncident(ALICE, "P1");
        role(ALICE, id, "commander", "assign", null).statusCode(200);
        bridge(ALICE, id, "https://meet.example.test/checkout-war-room-with-a-long-meeting-id-1234567890").statusCode(200);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"title\":\"Roll back the checkout deployment in every region\",\"owner\":{\"id\":\"bob\",\"name\":\"Bob\"}}")
                .post("/api/v1/incidents/" + id + "/tasks").then().statusCode(201);
        try (Chromium browser = new Chromium(chromium)) {
            browser.open(root + "room/" + link(id, "dave", Instant.now().plusSeconds(600)), 360, 800);
            browser.await("document.getElementById('live').textContent === 'Live'", WAIT, "the stream is connected");
            Chromium.Layout layout = browser.layout();
            assertEquals(360, layout.innerWidth());
            assertTrue(layout.scrollWidth() <= 360, "no horizontal scroll at 360 px: " + layout.scrollWidth());
            assertEquals("Join the bridge", browser.evaluate("document.querySelector('a.bridge').textContent").asText());
            assertTrue(browser.evaluate("/left to acknowledge/.test(document.getElementById('clock').textContent)")
                    .asBoolean(), "the response-target clock runs");

            String note = "rolled back eu-west " + UUID.randomUUID();
            given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"text\":\"" + note + "\"}")
                    .post("/api/v1/incidents/" + id + "/notes").then().statusCode(201);
            browser.await("document.getElementById('timeline').firstElementChild.textContent.indexOf('" + note + "') >= 0",
                    WAIT, "the note appears at the top of the timeline without a reload");

            role(ALICE, id, "scribe", "assign", "{\"id\":\"erin\",\"name\":\"Erin Scribe\"}").statusCode(200);
            browser.await("document.getElementById('state').textContent.indexOf('Erin Scribe') >= 0", WAIT,
                    "the new scribe appears in the roles");
            browser.screenshot(SCREENSHOTS.resolve("room-360.png"), 360);
            assertEquals(1, browser.evaluate("document.querySelectorAll('#timeline li[data-seq=\"6\"]').length").asInt(),
                    "each entry once");
        }
        // Signed in with a bearer token instead (as behind an OIDC proxy): the page opens its own stream.
        try (Chromium browser = new Chromium(chromium)) {
            browser.extraHeaders(Map.of("Authorization", BOB));
            browser.open(root + "api/v1/incidents/" + id + "/room", 360, 800);
            browser.await("document.getElementById('live').textContent === 'Live'", WAIT, "the stream is connected");
            given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"text\":\"bearer view\"}")
                    .post("/api/v1/incidents/" + id + "/notes").then().statusCode(201);
            browser.await("document.getElementById('timeline').firstElementChild.textContent.indexOf('bearer view') >= 0",
                    WAIT, "the note appears live for a signed-in reader too");
        }
    }

    private String link(String id, String subject, Instant expires) {
        return new RoomTokens(linkSecret.getBytes(StandardCharsets.UTF_8))
                .sign(new RoomTokens.Grant(UUID.fromString(id), subject, expires));
    }

    private static io.restassured.response.ValidatableResponse bridge(String auth, String id, String url) {
        return given().header("Authorization", auth).contentType(ContentType.JSON)
                .body(url == null ? "{}" : "{\"url\":\"" + url + "\"}")
                .put("/api/v1/incidents/" + id + "/bridge").then();
    }
}
