package io.tocsin.incident.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Broken clients and attackers: each gets a clear problem+json and leaves no incident and no outbox row behind. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class BadInputTest {

    private String key;
    private long incidentsBefore;
    private long outboxBefore;

    @BeforeEach
    void setUp() {
        key = given().header("Authorization", TestTokens.bearer("root", "admin"))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Generic\",\"kind\":\"generic\",\"service\":\"checkout-api\"}")
                .post("/api/v1/integrations")
                .then().statusCode(201).extract().path("key");
        incidentsBefore = TestDatabase.count("select count(*) from incident");
        outboxBefore = TestDatabase.count("select count(*) from outbox");
    }

    @AfterEach
    void nothingStored() {
        assertEquals(incidentsBefore, TestDatabase.count("select count(*) from incident"), "no incident stored");
        assertEquals(outboxBefore, TestDatabase.count("select count(*) from outbox"), "no event queued");
    }

    @Test
    void malformedJsonIs400() {
        post("{\"summary\": \"oops\"", ContentType.JSON).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIs400() {
        post("[1,2,3]", ContentType.JSON).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anEmptyBodyIs400() {
        post("", ContentType.JSON).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theWrongContentTypeIs415() {
        post("summary=disk full", ContentType.URLENC).then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String huge = "{\"summary\":\"x\",\"details\":{\"blob\":\"" + "a".repeat(600_000) + "\"}}";
        post(huge, ContentType.JSON).then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void anUnknownKeyIs404() {
        given().contentType(ContentType.JSON).body("{\"summary\":\"disk full\"}")
                .post("/api/v1/integrations/tk_not-a-real-key/generic")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("integration"));
    }

    @Test
    void anInvalidSeverityIs422AndNamesTheField() {
        post("{\"summary\":\"disk full\",\"severity\":\"apocalyptic\"}", ContentType.JSON)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasItem(startsWith("severity")));
    }

    @Test
    void aSummaryOverItsLimitIs422() {
        post("{\"summary\":\"" + "s".repeat(1025) + "\"}", ContentType.JSON)
                .then().statusCode(422).body("errors", hasItem(startsWith("summary")));
    }

    @Test
    void aDedupKeyOverItsLimitIs422() {
        post("{\"summary\":\"disk\",\"dedup_key\":\"" + "d".repeat(256) + "\"}", ContentType.JSON)
                .then().statusCode(422).body("errors", hasItem(startsWith("dedupKey")));
    }

    @Test
    void aMissingSummaryIs422() {
        post("{\"severity\":\"critical\"}", ContentType.JSON).then().statusCode(422)
                .body("errors", hasItem(startsWith("summary")));
    }

    @Test
    void aWrongFieldTypeIs400() {
        post("{\"summary\":\"disk\",\"links\":\"not-a-list\"}", ContentType.JSON).then().statusCode(400)
                .contentType("application/problem+json");
    }

    private io.restassured.response.Response post(String body, ContentType type) {
        return given().contentType(type).body(body).post("/api/v1/integrations/" + key + "/generic");
    }
}
