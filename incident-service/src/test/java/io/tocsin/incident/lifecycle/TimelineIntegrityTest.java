package io.tocsin.incident.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tamper-evident timeline through the API and the database: intact as written, and an entry edited (or the newest
 * one removed) straight in PostgreSQL is found by {@code GET …/timeline/verify}.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class TimelineIntegrityTest {

    private static final String ALICE = TestTokens.bearer("alice", "responder");
    private static final String CAROL = TestTokens.bearer("carol", "incident-commander");

    @Test
    void anEntryEditedInTheDatabaseIsDetected() {
        String id = incidentWithHistory();
        verify(id).statusCode(200).body("intact", equalTo(true)).body("entries", equalTo(6)).body("brokenAt", nullValue());
        String head = given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("seq", equalTo(List.of(1, 2, 3, 4, 5, 6))).extract().path("hash[5]");
        verify(id).body("head", equalTo(head));
        // The database computes the same hashes (how entries from before the chain were hashed).
        assertEquals(6, TestDatabase.count("""
                select count(*) from timeline_entry where incident_id = ?::uuid
                and content_hash = tocsin_timeline_content(incident_id, seq, at, kind, actor, detail)
                and hash = tocsin_timeline_link(previous_hash, content_hash)""", id));

        TestDatabase.execute("update timeline_entry set detail = 'nothing happened' where incident_id = ?::uuid and seq = 3",
                id);
        verify(id).statusCode(200).body("intact", equalTo(false)).body("brokenAt", equalTo(3))
                .body("problem", containsString("changed"));
    }

    @Test
    void anEditCoveredByNewHashesOrARemovedNewestEntryIsDetectedToo() {
        String id = incidentWithHistory();
        TestDatabase.execute("""
                update timeline_entry set detail = 'nothing happened',
                    content_hash = tocsin_timeline_content(incident_id, seq, at, kind, actor, 'nothing happened'),
                    hash = tocsin_timeline_link(previous_hash,
                            tocsin_timeline_content(incident_id, seq, at, kind, actor, 'nothing happened'))
                where incident_id = ?::uuid and seq = 2""", id);
        verify(id).body("intact", equalTo(false)).body("brokenAt", equalTo(3))
                .body("problem", containsString("does not follow"));

        String other = incidentWithHistory();
        TestDatabase.execute("delete from timeline_entry where incident_id = ?::uuid and seq = 6", other);
        verify(other).body("intact", equalTo(false)).body("problem", containsString("records 6 entries"));
    }

    @Test
    void anErasureRedactsEntriesVisiblyWithoutBreakingTheChain() {
        String id = incidentWithHistory();
        // What an erasure of Alice does to the lines she acted in: her name replaced, the line marked redacted.
        TestDatabase.execute("""
                update timeline_entry set actor = 'user:Erased person', redacted_at = now()
                where incident_id = ?::uuid and actor = 'user:alice'""", id);
        verify(id).body("intact", equalTo(true)).body("redacted", equalTo(List.of(1, 2, 3, 5, 6)));
        // Changing a line without saying so is still tampering.
        TestDatabase.execute("update timeline_entry set actor = 'user:Erased person' where incident_id = ?::uuid and seq = 4",
                id);
        verify(id).body("intact", equalTo(false)).body("brokenAt", equalTo(4));
    }

    @Test
    void verifyingNeedsTheRightsToReadTheIncident() {
        String id = incidentWithHistory();
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder"))
                .get("/api/v1/incidents/" + id + "/timeline/verify").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/incidents/" + id + "/timeline/verify").then().statusCode(401);
        verify(UUID.randomUUID().toString()).statusCode(404).contentType("application/problem+json");
    }

    /** Six entries by three kinds of writers: intake, the lifecycle, the war room (with text beyond ASCII). */
    private static String incidentWithHistory() {
        String id = given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout-api\",\"priority\":\"P1\",\"summary\":\"card data exposed\"}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .body("{\"text\":\"Firewall log from Zürich attached — 🔥\"}").post("/api/v1/incidents/" + id + "/notes")
                .then().statusCode(201);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + id + "/roles/commander/assign").then().statusCode(200);
        given().header("Authorization", CAROL).contentType(ContentType.JSON).body("{\"phase\":\"containment\"}")
                .post("/api/v1/incidents/" + id + "/phase").then().statusCode(200);
        given().header("Authorization", ALICE).contentType(ContentType.JSON).body("{\"title\":\"Rotate the keys\"}")
                .post("/api/v1/incidents/" + id + "/tasks").then().statusCode(201);
        given().header("Authorization", ALICE).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + id + "/acknowledge").then().statusCode(200);
        return id;
    }

    private static io.restassured.response.ValidatableResponse verify(String id) {
        return given().header("Authorization", ALICE).get("/api/v1/incidents/" + id + "/timeline/verify").then();
    }
}
