package io.tocsin.escalation.admin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.escalation.support.Api;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.escalation.support.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin API for responders, schedules, policies and the matrix: what an admin configures is stored and read
 * back; bad input gets problem+json and leaves nothing behind; only admins may write.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class AdminApiTest {

    private static final String PROBLEM = "application/problem+json";

    private static long rows(String table) {
        return TestDatabase.count("select count(*) from " + table);
    }

    // --- responders ---------------------------------------------------------------------------------------------

    @Test
    void aResponderIsCreatedReadUpdatedAndDeleted() {
        String id = Api.unique("alice");
        admin().body("""
                {"id":"%s","name":"Alice","email":"alice@example.test","timeZone":"Europe/Berlin","locale":"de",
                 "contactMethods":[{"kind":"EMAIL","address":"alice@example.test"},
                                   {"kind":"WEBHOOK","address":"https://hooks.slack.test/T1","format":"SLACK"}],
                 "notificationRules":[{"contact":0,"delaySeconds":0},{"contact":1,"delaySeconds":120}]}""".formatted(id))
                .post("/api/v1/responders").then().statusCode(201).body("id", equalTo(id));
        Api.as("bob", "responder").get("/api/v1/responders/" + id).then().statusCode(200)
                .body("contactMethods", hasSize(2))
                .body("contactMethods[1].format", equalTo("SLACK"))
                .body("notificationRules[1].delaySeconds", equalTo(120));
        admin().body("""
                {"id":"%s","name":"Alice A.","email":"alice@example.test","timeZone":"America/New_York","locale":"en",
                 "contactMethods":[]}""".formatted(id))
                .put("/api/v1/responders/" + id).then().statusCode(200).body("timeZone", equalTo("America/New_York"));
        admin().delete("/api/v1/responders/" + id).then().statusCode(204);
        admin().get("/api/v1/responders/" + id).then().statusCode(404).contentType(PROBLEM);
        admin().get("/api/v1/audit?limit=500").then().statusCode(200)
                .body("findAll { it.target == '" + id + "' }.action",
                        equalTo(java.util.List.of("responder.deleted", "responder.updated", "responder.created")))
                .body("findAll { it.target == '" + id + "' }.actor", hasItem("root"));
        Api.as("bob", "responder").get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void respondersSeeOtherPeoplesAddressesMasked() {
        String id = Api.unique("masked");
        admin().body("""
                {"id":"%s","name":"Mia","email":"mia.private@example.test","timeZone":"UTC","locale":"en",
                 "contactMethods":[{"kind":"EMAIL","address":"mia.private@example.test"},
                                   {"kind":"WEBHOOK","address":"https://hooks.slack.test/services/T1/B2/s3cr3t","format":"SLACK"}]}"""
                .formatted(id)).post("/api/v1/responders").then().statusCode(201);
        String asColleague = Api.as("bob", "responder").get("/api/v1/responders/" + id).then().statusCode(200)
                .body("email", equalTo("m***@example.test"))
                .body("contactMethods[1].address", equalTo("https://hooks.slack.test/…"))
                .body("contactMethods[1].format", equalTo("SLACK")).extract().asString();
        String list = Api.as("bob", "responder").get("/api/v1/responders?limit=500").then().statusCode(200)
                .extract().asString();
        for (String seen : java.util.List.of(asColleague, list)) {
            org.junit.jupiter.api.Assertions.assertFalse(seen.contains("mia.private") || seen.contains("s3cr3t"), seen);
        }
        // Mia herself, commanders and admins see them in full.
        Api.as(id, "responder").get("/api/v1/responders/" + id).then()
                .body("contactMethods[1].address", equalTo("https://hooks.slack.test/services/T1/B2/s3cr3t"));
        Api.as("carol", "incident-commander").get("/api/v1/responders/" + id).then()
                .body("email", equalTo("mia.private@example.test"));
    }

    @Test
    void aDeletedResponderIsErasedEverywhere() {
        String id = Api.responder(Api.unique("gone"));
        admin().delete("/api/v1/responders/" + id).then().statusCode(204);
        var erased = io.tocsin.local.testing.TestKafka.await(io.tocsin.events.Topics.PERSON_EVENTS,
                r -> r.value().contains("\"" + id + "\""), 1, java.time.Duration.ofSeconds(20));
        assertEquals(1, erased.size(), "PersonErased published once");
        io.tocsin.events.testing.EventSchemaAssert.assertMatchesSchema(erased.get(0).value());
        org.hamcrest.MatcherAssert.assertThat(erased.get(0).value(), containsString("\"kind\":\"RESPONDER\""));
        org.junit.jupiter.api.Assertions.assertFalse(erased.get(0).value().contains("@example.test"),
                "the erasure itself carries no personal data but the id");
    }

    @Test
    void listsArePagedAndCapped() {
        Api.responder(Api.unique("page1"));
        Api.responder(Api.unique("page2"));
        Api.responder(Api.unique("page3"));
        admin().get("/api/v1/responders?limit=2").then().statusCode(200).body("", hasSize(2));
        String second = admin().get("/api/v1/responders?limit=2").then().extract().path("[1].id");
        admin().get("/api/v1/responders?offset=1&limit=1").then().statusCode(200).body("[0].id", equalTo(second));
        admin().get("/api/v1/responders?limit=501").then().statusCode(422).contentType(PROBLEM);
        admin().get("/api/v1/escalation-policies?limit=0").then().statusCode(422);
        admin().get("/api/v1/schedules?offset=-1").then().statusCode(422);
        // Not a number: the client's mistake, named (JAX-RS alone would answer 404, "no such endpoint").
        admin().get("/api/v1/responders?limit=ten").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'limit'"));
        admin().get("/api/v1/audit?limit=99999999999").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aResponderIsInUseOnlyWhereItsExactIdIsNamed() {
        // '_' is a single-character wildcard in LIKE: "a_b" must not count as used because "aXb" is.
        String prefix = Api.unique("like");
        String used = Api.responder(prefix + "aXb");
        String lookalike = Api.responder(prefix + "a_b");
        Api.policy(Api.unique("like-policy"), 0, 60, "RESPONDER:" + used);
        admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"WEEKLY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("like-schedule"), used))
                .post("/api/v1/schedules").then().statusCode(201);

        admin().delete("/api/v1/responders/" + lookalike).then().statusCode(204);
        admin().delete("/api/v1/responders/" + used).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aResponderNamedOnlyInAScheduleIsInUse() {
        String participant = Api.responder(Api.unique("layer"));
        admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"DAILY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("layered"), participant))
                .post("/api/v1/schedules").then().statusCode(201);
        admin().delete("/api/v1/responders/" + participant).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aSchedulesTimesAreStoredAsTheTextTheAdminWrote() {
        // What a DBA, a backup or a later migration reads: ISO-8601 text, as the column held before it was jsonb,
        // not the number arrays ([2026,1,5,9,0]) a bare Jackson mapper writes.
        String id = admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"DAILY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]},
                 "restrictions":[{"days":["MONDAY"],"from":"08:30","to":"17:00"}]}]}""".formatted(Api.unique("stored"),
                        Api.responder(Api.unique("stored"))))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        String rotation = TestDatabase.text("select layers -> 0 -> 'rotation' ->> 'start' from schedule where id = ?::uuid", id);
        String from = TestDatabase.text("select layers -> 0 -> 'restrictions' -> 0 ->> 'from' from schedule where id = ?::uuid", id);
        assertEquals("2026-01-05T09:00:00", rotation);
        assertEquals("08:30:00", from);
        admin().get("/api/v1/schedules/" + id).then().statusCode(200)
                .body("layers[0].rotation.start", startsWith("2026-01-05T09:00"));
    }

    @Test
    void aDuplicateResponderIs409() {
        String id = Api.responder(Api.unique("dup"));
        long before = rows("responder");
        admin().body("""
                {"id":"%s","name":"X","email":"x@example.test","timeZone":"UTC","locale":"en","contactMethods":[]}
                """.formatted(id)).post("/api/v1/responders").then().statusCode(409).contentType(PROBLEM);
        assertEquals(before, rows("responder"));
    }

    @Test
    void badRespondersAreRejectedAndNothingIsStored() {
        long before = rows("responder");
        String good = "\"id\":\"%s\",\"name\":\"N\",\"email\":\"n@example.test\",\"locale\":\"en\"";
        admin().body("{" + good.formatted("tz") + ",\"timeZone\":\"Mars/Olympus\",\"contactMethods\":[]}")
                .post("/api/v1/responders").then().statusCode(422).contentType(PROBLEM)
                .body("errors", hasItem(startsWith("timeZone")));
        admin().body("{" + good.formatted("hook") + ",\"timeZone\":\"UTC\","
                        + "\"contactMethods\":[{\"kind\":\"WEBHOOK\",\"address\":\"ftp://nope\"}]}")
                .post("/api/v1/responders").then().statusCode(422)
                .body("errors", hasItem(startsWith("contactMethods[0].address")));
        admin().body("{" + good.formatted("rule") + ",\"timeZone\":\"UTC\","
                        + "\"contactMethods\":[],\"notificationRules\":[{\"contact\":3,\"delaySeconds\":0}]}")
                .post("/api/v1/responders").then().statusCode(422)
                .body("errors", hasItem(startsWith("notificationRules[0].contact")));
        admin().body("{" + good.formatted("neg") + ",\"timeZone\":\"UTC\","
                        + "\"contactMethods\":[{\"kind\":\"EMAIL\",\"address\":\"n@example.test\"}],"
                        + "\"notificationRules\":[{\"contact\":0,\"delaySeconds\":-5}]}")
                .post("/api/v1/responders").then().statusCode(422)
                .body("errors", hasItem(containsString("delaySeconds")));
        admin().body("{\"id\":\"x\",\"name\":\"\",\"email\":\"not-an-email\",\"timeZone\":\"UTC\",\"locale\":\"en\","
                        + "\"contactMethods\":[]}")
                .post("/api/v1/responders").then().statusCode(422)
                .body("errors", hasItem(startsWith("email"))).body("errors", hasItem(startsWith("name")));
        admin().body("{\"id\":\"x\",").post("/api/v1/responders").then().statusCode(400).contentType(PROBLEM);
        admin().body("{\"id\":\"x\",\"contactMethods\":[{\"kind\":\"PIGEON\",\"address\":\"roof\"}]}")
                .post("/api/v1/responders").then().statusCode(400).contentType(PROBLEM);
        assertEquals(before, rows("responder"));
    }

    @Test
    void onlyAdminsWriteAndEveryoneNeedsAToken() {
        long before = rows("responder");
        String body = "{\"id\":\"eve\",\"name\":\"Eve\",\"email\":\"eve@example.test\",\"timeZone\":\"UTC\","
                + "\"locale\":\"en\",\"contactMethods\":[]}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/responders").then().statusCode(401)
                .contentType(PROBLEM);
        Api.as("eve", "responder").body(body).post("/api/v1/responders").then().statusCode(403).contentType(PROBLEM);
        given().header("Authorization", "Bearer " + TestTokens.expired("root", "admin")).contentType(ContentType.JSON)
                .body(body).post("/api/v1/responders").then().statusCode(401);
        Api.as("sam", "stakeholder").get("/api/v1/responders").then().statusCode(403);
        Api.as("eve", "responder").body("{\"name\":\"p\",\"repeat\":0,\"levels\":[]}")
                .post("/api/v1/escalation-policies").then().statusCode(403);
        Api.as("eve", "responder").body("{\"entries\":[]}").put("/api/v1/escalation-matrix").then().statusCode(403);
        assertEquals(before, rows("responder"));
    }

    @Test
    void aResponderInUseCannotBeDeleted() {
        String id = Api.responder(Api.unique("used"));
        Api.policy(Api.unique("uses"), 0, 60, "RESPONDER:" + id);
        admin().delete("/api/v1/responders/" + id).then().statusCode(409).contentType(PROBLEM);
        assertEquals(1, TestDatabase.count("select count(*) from responder where id = ?", id));
    }

    // --- policies -----------------------------------------------------------------------------------------------

    @Test
    void aPolicyIsStoredWithItsLevelsAndReadBack() {
        String lead = Api.responder(Api.unique("lead"));
        String oncall = Api.responder(Api.unique("oncall"));
        String name = Api.unique("P1 default");
        String id = admin().body("""
                {"name":"%s","repeat":1,"levels":[
                  {"targets":[{"type":"RESPONDER","id":"%s"}],"delaySeconds":300},
                  {"targets":[{"type":"RESPONDER","id":"%s"},{"type":"RESPONDER","id":"%s"}],"delaySeconds":900,
                   "roundRobin":true}]}""".formatted(name, oncall, lead, oncall))
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
        Api.as("ic", "incident-commander").get("/api/v1/escalation-policies/" + id).then().statusCode(200)
                .body("name", equalTo(name)).body("repeat", equalTo(1))
                .body("levels", hasSize(2)).body("levels[1].roundRobin", equalTo(true))
                .body("levels[0].delaySeconds", equalTo(300));
    }

    @Test
    void badPoliciesAreRejectedAndNothingIsStored() {
        String r = Api.responder(Api.unique("r"));
        long before = rows("escalation_policy");
        admin().body("{\"name\":\"empty\",\"repeat\":0,\"levels\":[]}").post("/api/v1/escalation-policies")
                .then().statusCode(422).contentType(PROBLEM).body("errors", hasItem(startsWith("levels")));
        admin().body("{\"name\":\"neg\",\"repeat\":0,\"levels\":[{\"targets\":[{\"type\":\"RESPONDER\",\"id\":\"" + r
                        + "\"}],\"delaySeconds\":-1}]}").post("/api/v1/escalation-policies")
                .then().statusCode(422).body("errors", hasItem(containsString("delaySeconds")));
        admin().body("{\"name\":\"ghost\",\"repeat\":0,\"levels\":[{\"targets\":[{\"type\":\"RESPONDER\","
                        + "\"id\":\"nobody-" + UUID.randomUUID() + "\"}],\"delaySeconds\":60}]}")
                .post("/api/v1/escalation-policies").then().statusCode(422)
                .body("errors", hasItem(containsString("unknown responder")));
        admin().body("{\"name\":\"ghost-schedule\",\"repeat\":0,\"levels\":[{\"targets\":[{\"type\":\"SCHEDULE\","
                        + "\"id\":\"" + UUID.randomUUID() + "\"}],\"delaySeconds\":60}]}")
                .post("/api/v1/escalation-policies").then().statusCode(422)
                .body("errors", hasItem(containsString("unknown schedule")));
        admin().body("{\"name\":\"no-targets\",\"repeat\":0,\"levels\":[{\"targets\":[],\"delaySeconds\":60}]}")
                .post("/api/v1/escalation-policies").then().statusCode(422);
        admin().body("{\"name\":\"unknown-next\",\"repeat\":0,\"thenPolicyId\":\"" + UUID.randomUUID()
                        + "\",\"levels\":[{\"targets\":[{\"type\":\"RESPONDER\",\"id\":\"" + r + "\"}]}]}")
                .post("/api/v1/escalation-policies").then().statusCode(422)
                .body("errors", hasItem(startsWith("thenPolicyId")));
        assertEquals(before, rows("escalation_policy"));
    }

    @Test
    void aCycleBetweenPoliciesIsRejected() {
        String r = Api.responder(Api.unique("cyc"));
        UUID a = Api.policy(Api.unique("A"), 0, 60, "RESPONDER:" + r);
        String level = "[{\"targets\":[{\"type\":\"RESPONDER\",\"id\":\"" + r + "\"}],\"delaySeconds\":60}]";
        String b = admin().body("{\"name\":\"" + Api.unique("B") + "\",\"repeat\":0,\"thenPolicyId\":\"" + a
                        + "\",\"levels\":" + level + "}")
                .post("/api/v1/escalation-policies").then().statusCode(201).extract().path("id");
        String before = admin().get("/api/v1/escalation-policies/" + a).then().extract().asString();
        admin().body("{\"name\":\"" + Api.unique("A2") + "\",\"repeat\":0,\"thenPolicyId\":\"" + b
                        + "\",\"levels\":" + level + "}")
                .put("/api/v1/escalation-policies/" + a).then().statusCode(422).contentType(PROBLEM)
                .body("errors", hasItem(containsString("cycle")));
        admin().body("{\"name\":\"self\",\"repeat\":0,\"thenPolicyId\":\"" + a + "\",\"levels\":" + level + "}")
                .put("/api/v1/escalation-policies/" + a).then().statusCode(422);
        assertEquals(before, admin().get("/api/v1/escalation-policies/" + a).then().extract().asString(),
                "the policy is unchanged");
    }

    // --- matrix -------------------------------------------------------------------------------------------------

    @Test
    void theMatrixMapsServiceAndPriorityToPoliciesWithDefaults() {
        String r = Api.responder(Api.unique("m"));
        UUID p = Api.policy(Api.unique("matrix"), 0, 60, "RESPONDER:" + r);
        String service = Api.unique("svc");
        Api.route(service, "P1", p);
        Api.as("ic", "incident-commander").get("/api/v1/escalation-matrix").then().statusCode(200)
                .body("entries.findAll { it.service == '" + service + "' }.policyId", hasItem(p.toString()));
        admin().delete("/api/v1/escalation-policies/" + p).then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aBadMatrixIsRejectedAndTheOldOneKept() {
        long before = rows("escalation_matrix");
        String r = Api.responder(Api.unique("mx"));
        UUID p = Api.policy(Api.unique("mx"), 0, 60, "RESPONDER:" + r);
        admin().body("{\"entries\":[{\"service\":\"a\",\"priority\":\"P1\",\"policyId\":\"" + p + "\"},"
                        + "{\"service\":\"a\",\"priority\":\"P1\",\"policyId\":\"" + p + "\"}]}")
                .put("/api/v1/escalation-matrix").then().statusCode(422).body("errors", hasItem(containsString("twice")));
        admin().body("{\"entries\":[{\"service\":\"a\",\"priority\":\"P1\",\"policyId\":\"" + UUID.randomUUID() + "\"}]}")
                .put("/api/v1/escalation-matrix").then().statusCode(422)
                .body("errors", hasItem(containsString("unknown escalation policy")));
        admin().body("{\"entries\":[{\"service\":\"Not A Slug\",\"priority\":\"P1\",\"policyId\":\"" + p + "\"}]}")
                .put("/api/v1/escalation-matrix").then().statusCode(422);
        admin().body("{\"entries\":[{\"service\":\"a\",\"priority\":\"P9\",\"policyId\":\"" + p + "\"}]}")
                .put("/api/v1/escalation-matrix").then().statusCode(400);
        assertEquals(before, rows("escalation_matrix"));
    }

    // --- schedules ----------------------------------------------------------------------------------------------

    @Test
    void aScheduleAnswersWhoIsOnCallAndPreviewsShifts() {
        String a = Api.responder(Api.unique("sa"));
        String b = Api.responder(Api.unique("sb"));
        String id = admin().body("""
                {"name":"%s","timeZone":"Europe/Berlin","layers":[{"rotation":{"type":"DAILY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s","%s"]}}]}""".formatted(Api.unique("sched"), a, b))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + id + "&at=2026-03-29T06:59:00Z")
                .then().statusCode(200).body("responders", equalTo(java.util.List.of(a)));
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + id + "&at=2026-03-29T07:00:00Z")
                .then().statusCode(200).body("responders", equalTo(java.util.List.of(b)));
        Api.as("x", "responder").get("/api/v1/schedules/" + id + "/preview?from=2026-03-28T08:00:00Z&count=3")
                .then().statusCode(200).body("", hasSize(3))
                .body("[1].start", equalTo("2026-03-29T07:00:00Z"))
                .body("[2].start", equalTo("2026-03-30T07:00:00Z"));
        Api.as("x", "responder").get("/api/v1/oncall?at=2026-03-29T07:00:00Z").then().statusCode(200)
                .body("schedules.find { it.id == '" + id + "' }.responders", equalTo(java.util.List.of(b)))
                .body("responders", hasItem(b));
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + id + "&at=yesterday").then().statusCode(400)
                .contentType(PROBLEM);
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + UUID.randomUUID()).then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void aScheduleIsDeletedUnlessAPolicyTargetsIt() {
        String who = Api.responder(Api.unique("sd"));
        String layers = "\"timeZone\":\"UTC\",\"layers\":[{\"rotation\":{\"type\":\"DAILY\",\"length\":1,"
                + "\"start\":\"2026-01-05T09:00\",\"participants\":[\"" + who + "\"]}}]";
        String targeted = admin().body("{\"name\":\"" + Api.unique("targeted") + "\"," + layers + "}")
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        String unused = admin().body("{\"name\":\"" + Api.unique("unused") + "\"," + layers + "}")
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        Api.policy(Api.unique("via-schedule"), 0, 60, "SCHEDULE:" + targeted);

        admin().delete("/api/v1/schedules/" + targeted).then().statusCode(409).contentType(PROBLEM);
        admin().delete("/api/v1/schedules/" + unused).then().statusCode(204);
        admin().get("/api/v1/schedules/" + unused).then().statusCode(404);
        admin().get("/api/v1/schedules/" + targeted).then().statusCode(200);
    }

    @Test
    void aResponderMayOnlyHandOverTheirOwnShiftsWithinTheHorizon() {
        String a = Api.responder(Api.unique("oa"));
        String b = Api.responder(Api.unique("ob"));
        String id = admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"WEEKLY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("ov"), a))
                .post("/api/v1/schedules").then().statusCode(201).extract().path("id");
        java.time.Instant day = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(java.time.Duration.ofDays(2));
        String range = "\"start\":\"" + day + "\",\"end\":\"" + day.plus(java.time.Duration.ofDays(1)) + "\"";
        String overrides = "/api/v1/schedules/" + id + "/overrides";
        long before = rows("schedule_override");
        // b, not on the schedule, replaces everyone (the whole rotation) with himself: not his shift.
        Api.as(b, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\"," + range + "}")
                .post(overrides).then().statusCode(403).contentType(PROBLEM);
        // b takes a's shift: a's shift, not his.
        Api.as(b, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\",\"replaces\":\"" + a + "\"," + range + "}")
                .post(overrides).then().statusCode(403).contentType(PROBLEM);
        // a takes herself off without a replacement, and for a year.
        Api.as(a, "responder").body("{\"kind\":\"REMOVE\",\"responderId\":\"" + a + "\"," + range + "}")
                .post(overrides).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("commander"));
        Api.as(a, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\",\"replaces\":\"" + a + "\","
                        + "\"start\":\"" + day + "\",\"end\":\"" + day.plus(java.time.Duration.ofDays(300)) + "\"}")
                .post(overrides).then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("90 days"));
        // Bad input is still 422 first.
        Api.as(a, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\",\"replaces\":\"" + a + "\","
                        + "\"start\":\"" + day.plus(java.time.Duration.ofDays(1)) + "\",\"end\":\"" + day + "\"}")
                .post(overrides).then().statusCode(422)
                .body("errors", hasItem(startsWith("end")));
        assertEquals(before, rows("schedule_override"));
        // a hands her shift to b: allowed, and b is on call then.
        String handOver = Api.as(a, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\",\"replaces\":\"" + a + "\"," + range + "}")
                .post(overrides).then().statusCode(201).extract().path("id");
        Api.as(b, "responder").body("{\"kind\":\"ADD\",\"responderId\":\"" + b + "\"," + range + "}")
                .post(overrides).then().statusCode(201);
        Api.as(a, "responder").body("{\"kind\":\"REPLACE\",\"responderId\":\"" + b + "\",\"replaces\":\"" + a + "\","
                        + "\"start\":\"" + day.plus(java.time.Duration.ofHours(12)) + "\",\"end\":\"" + day.plus(java.time.Duration.ofDays(2)) + "\"}")
                .post(overrides).then().statusCode(422)
                .body("errors", hasItem(containsString("overlaps")));
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + id + "&at=" + day.plus(java.time.Duration.ofHours(12)))
                .then().body("responders", equalTo(java.util.List.of(b)));
        Api.as("x", "responder").get("/api/v1/oncall?schedule=" + id + "&at=" + day.plus(java.time.Duration.ofHours(36)))
                .then().body("responders", equalTo(java.util.List.of(a)));
        // b may not delete the hand-over a made; a may.
        Api.as(b, "responder").delete(overrides + "/" + handOver).then().statusCode(403).contentType(PROBLEM);
        Api.as(a, "responder").delete(overrides + "/" + handOver).then().statusCode(204);
        // A commander may do what responders may not: take someone off, for a year.
        Api.as("ic", "incident-commander").body("{\"kind\":\"REMOVE\",\"responderId\":\"" + a + "\","
                        + "\"start\":\"" + day + "\",\"end\":\"" + day.plus(java.time.Duration.ofDays(300)) + "\"}")
                .post(overrides).then().statusCode(201);
        // A stakeholder may not touch schedules at all.
        Api.as(a, "stakeholder").body("{\"kind\":\"ADD\",\"responderId\":\"" + a + "\"," + range + "}")
                .post(overrides).then().statusCode(403);
    }

    @Test
    void callersAreIdentifiedByTheirSubjectNotTheirUsername() {
        String me = Api.responder(Api.unique("sub"));
        admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"WEEKLY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("subs"), me))
                .post("/api/v1/schedules").then().statusCode(201);
        // A real provider's token: sub is the id responders are stored under, preferred_username a login name.
        given().header("Authorization", TestTokens.bearerWithUsername(me, "alice.smith", "responder"))
                .get("/api/v1/me/oncall").then().statusCode(200)
                .body("responderId", equalTo(me)).body("onCallNow", equalTo(true));
    }

    @Test
    void myOnCallListsTheCallersShifts() {
        String me = Api.responder(Api.unique("me"));
        admin().body("""
                {"name":"%s","timeZone":"UTC","layers":[{"rotation":{"type":"WEEKLY","length":1,
                 "start":"2026-01-05T09:00","participants":["%s"]}}]}""".formatted(Api.unique("mine"), me))
                .post("/api/v1/schedules").then().statusCode(201);
        Api.as(me, "responder").get("/api/v1/me/oncall").then().statusCode(200)
                .body("onCallNow", equalTo(true)).body("shifts", hasSize(1));
        String ics = Api.as(me, "responder").get("/api/v1/me/oncall.ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asString();
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("BEGIN:VEVENT"));
        org.hamcrest.MatcherAssert.assertThat(ics, containsString("SUMMARY:On call: mine-"));
    }

    @Test
    void badSchedulesAreRejectedAndNothingIsStored() {
        String a = Api.responder(Api.unique("bs"));
        long before = rows("schedule");
        String rotation = "{\"type\":\"DAILY\",\"length\":1,\"start\":\"2026-01-05T09:00\",\"participants\":[\"%s\"]}";
        admin().body("{\"name\":\"tz\",\"timeZone\":\"Europe/Atlantis\",\"layers\":[{\"rotation\":"
                        + rotation.formatted(a) + "}]}")
                .post("/api/v1/schedules").then().statusCode(422).body("errors", hasItem(startsWith("timeZone")));
        admin().body("{\"name\":\"who\",\"timeZone\":\"UTC\",\"layers\":[{\"rotation\":"
                        + rotation.formatted("nobody-" + UUID.randomUUID()) + "}]}")
                .post("/api/v1/schedules").then().statusCode(422).body("errors", hasItem(containsString("unknown responder")));
        admin().body("{\"name\":\"none\",\"timeZone\":\"UTC\",\"layers\":[]}")
                .post("/api/v1/schedules").then().statusCode(422);
        admin().body("{\"name\":\"overlap\",\"timeZone\":\"UTC\",\"layers\":[{\"rotation\":" + rotation.formatted(a)
                        + ",\"restrictions\":[{\"days\":[\"MONDAY\"],\"from\":\"08:00\",\"to\":\"16:00\"},"
                        + "{\"days\":[\"MONDAY\"],\"from\":\"15:00\",\"to\":\"20:00\"}]}]}")
                .post("/api/v1/schedules").then().statusCode(422).body("errors", hasItem(containsString("overlap")));
        admin().body("{\"name\":\"zero\",\"timeZone\":\"UTC\",\"layers\":[{\"rotation\":"
                        + "{\"type\":\"DAILY\",\"length\":0,\"start\":\"2026-01-05T09:00\",\"participants\":[\"" + a + "\"]}}]}")
                .post("/api/v1/schedules").then().statusCode(422);
        admin().body("{\"name\":\"when\",\"timeZone\":\"UTC\",\"layers\":[{\"rotation\":"
                        + "{\"type\":\"DAILY\",\"length\":1,\"start\":\"soon\",\"participants\":[\"" + a + "\"]}}]}")
                .post("/api/v1/schedules").then().statusCode(400);
        assertEquals(before, rows("schedule"));
    }
}
