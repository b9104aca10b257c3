package io.tocsin.incident.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonErased;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.incident.support.Integrations;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** A person's erasure (PersonErased from escalation-service) reaches the incidents and timelines that name them. */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class ErasureTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void anErasedResponderIsNoLongerNamedAnywhere() throws Exception {
        String person = "erin-" + UUID.randomUUID().toString().substring(0, 8);
        String erin = TestTokens.bearer(person, "responder");
        String carol = TestTokens.bearer("carol", "incident-commander");
        String key = Integrations.create("generic").key();
        String id = given().contentType(ContentType.JSON).body("{\"summary\":\"disk full\",\"severity\":\"error\"}")
                .post("/api/v1/integrations/" + key + "/generic").then().statusCode(202).extract().path("incidentId");
        String other = given().contentType(ContentType.JSON).body("{\"summary\":\"cpu\",\"severity\":\"error\"}")
                .post("/api/v1/integrations/" + key + "/generic").then().statusCode(202).extract().path("incidentId");
        given().header("Authorization", erin).contentType(ContentType.JSON).post("/api/v1/incidents/" + id + "/acknowledge")
                .then().statusCode(200).body("assignee.email", equalTo(person + "@example.test"));
        given().header("Authorization", carol).contentType(ContentType.JSON)
                .body("{\"id\":\"" + person + "\",\"name\":\"Erin\",\"email\":\"erin@example.test\"}")
                .post("/api/v1/incidents/" + other + "/assign").then().statusCode(200);
        // Erin, in command, marks the incident a personal-data breach: the breach record names her too.
        given().header("Authorization", erin).contentType(ContentType.JSON)
                .post("/api/v1/incidents/" + id + "/roles/commander/assign").then().statusCode(200);
        given().header("Authorization", erin).contentType(ContentType.JSON)
                .body("{\"awareAt\":\"" + Instant.now().minusSeconds(60) + "\"}")
                .put("/api/v1/incidents/" + id + "/personal-data-breach").then().statusCode(200)
                .body("markedBy", equalTo("user:" + person));

        String json = mapper.writeValueAsString(Envelope.of(new PersonErased(person, PersonErased.Kind.RESPONDER),
                null, Instant.now()));
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(Topics.PERSON_EVENTS, person, json);
        TestKafka.send(Topics.PERSON_EVENTS, person, json);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", carol)
                .get("/api/v1/incidents/" + id).then().statusCode(200)
                .body("assignee.name", equalTo("Erased person")).body("assignee.email", nullValue()));
        given().header("Authorization", carol).get("/api/v1/incidents/" + id + "/personal-data-breach").then()
                .body("markedBy", equalTo("user:Erased person"));
        given().header("Authorization", carol).get("/api/v1/incidents/" + other).then()
                .body("assignee.name", equalTo("Erased person")).body("assignee.id", not(equalTo(person)));
        given().header("Authorization", carol).get("/api/v1/incidents/" + id + "/timeline").then()
                .body("actor", hasItem("user:Erased person")).body("actor", not(hasItem("user:" + person)));
        String timeline = given().header("Authorization", carol).get("/api/v1/incidents/" + other + "/timeline")
                .then().extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(timeline.contains("Erin") || timeline.contains(person), timeline);
        // The rewritten lines are marked redacted, so the tamper-evident chain still holds and says what changed.
        for (String incident : new String[] {id, other}) {
            given().header("Authorization", carol).get("/api/v1/incidents/" + incident + "/timeline/verify").then()
                    .statusCode(200).body("intact", equalTo(true)).body("redacted", not(empty()));
        }
    }
}
