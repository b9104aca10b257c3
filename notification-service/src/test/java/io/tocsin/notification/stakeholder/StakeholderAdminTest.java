package io.tocsin.notification.stakeholder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.support.NotificationTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin APIs answer bad input with problem+json and store nothing; the plan has its defaults and can change. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class StakeholderAdminTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void groupsRejectBadInputAndStoreNothing() {
        long before = TestDatabase.count("select count(*) from stakeholder_group");
        admin().body("{\"name\": ").post("/api/v1/stakeholder-groups").then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("name", "Not A Slug!")).post("/api/v1/stakeholder-groups").then().statusCode(422)
                .contentType(PROBLEM).body("errors", hasItem(org.hamcrest.Matchers.startsWith("name:")));
        admin().body(Map.of("description", "no name")).post("/api/v1/stakeholder-groups").then().statusCode(422).contentType(PROBLEM);
        given().contentType("application/json").body(Map.of("name", "anonymous")).post("/api/v1/stakeholder-groups")
                .then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer("rita", "responder")).contentType("application/json")
                .body(Map.of("name", "responders-cannot")).post("/api/v1/stakeholder-groups").then().statusCode(403).contentType(PROBLEM);
        assertEquals(before, TestDatabase.count("select count(*) from stakeholder_group"));

        String name = "dup-" + UUID.randomUUID().toString().substring(0, 6);
        admin().body(Map.of("name", name)).post("/api/v1/stakeholder-groups").then().statusCode(201);
        admin().body(Map.of("name", name)).post("/api/v1/stakeholder-groups").then().statusCode(409).contentType(PROBLEM);
        assertEquals(1, TestDatabase.count("select count(*) from stakeholder_group where name = ?", name));
        admin().get("/api/v1/stakeholder-groups/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin().delete("/api/v1/stakeholder-groups/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void membersAndSubscriptionsRejectBadInputAndStoreNothing() {
        String group = admin().body(Map.of("name", "g-" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/stakeholder-groups").then().statusCode(201).extract().path("id");
        admin().body(Map.of("email", "not-an-email")).post("/api/v1/stakeholder-groups/" + group + "/members")
                .then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("email", "x@example.test", "locale", "klingon!")).post("/api/v1/stakeholder-groups/" + group + "/members")
                .then().statusCode(422).contentType(PROBLEM);
        // Mails are English or German; times in a zone Java knows; the old and new name of the language agree.
        admin().body(Map.of("email", "x@example.test", "language", "fr")).post("/api/v1/stakeholder-groups/" + group + "/members")
                .then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("email", "x@example.test", "language", "de", "locale", "en-GB"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("email", "x@example.test", "timeZone", "Mars/Olympus_Mons"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0]", org.hamcrest.Matchers.containsString("timeZone"));
        admin().body(Map.of("email", "x@example.test")).post("/api/v1/stakeholder-groups/" + UUID.randomUUID() + "/members")
                .then().statusCode(404).contentType(PROBLEM);
        assertEquals(0, TestDatabase.count("select count(*) from stakeholder where email = 'x@example.test' or email = 'not-an-email'"));

        long subscriptions = TestDatabase.count("select count(*) from subscription");
        admin().body(Map.of("groupId", UUID.randomUUID().toString(), "service", "shop", "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("groupId", group, "service", "shop", "minPriority", "P9"))
                .post("/api/v1/subscriptions").then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("groupId", group, "service", "Bad Service", "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("groupId", group, "service", "shop")).post("/api/v1/subscriptions").then().statusCode(422);
        given().header("Authorization", TestTokens.bearer("ivy", "incident-commander")).contentType("application/json")
                .body(Map.of("groupId", group, "service", "shop", "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(403).contentType(PROBLEM);
        assertEquals(subscriptions, TestDatabase.count("select count(*) from subscription"));
        admin().delete("/api/v1/subscriptions/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin().delete("/api/v1/stakeholder-groups/" + group + "/members/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void deletingAMemberForgetsThem() {
        String group = admin().body(Map.of("name", "f-" + UUID.randomUUID().toString().substring(0, 6)))
                .post("/api/v1/stakeholder-groups").then().statusCode(201).extract().path("id");
        String email = "forget-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test";
        String member = admin().body(Map.of("name", "Fran", "email", email))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Fran", "email", email))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(409).contentType(PROBLEM);
        admin().get("/api/v1/stakeholder-groups/" + group).then().statusCode(200).body("members[0].email", equalTo(email))
                .body("members[0].language", equalTo("en")).body("members[0].timeZone", nullValue());
        // The older `locale` still works as it did: a tag starting with de means German mails.
        String other = "other-" + email;
        admin().body(Map.of("email", other, "locale", "de-AT", "timeZone", "Europe/Vienna"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201)
                .body("language", equalTo("de")).body("timeZone", equalTo("Europe/Vienna"));
        admin().delete("/api/v1/stakeholder-groups/" + group + "/members/" + member).then().statusCode(204);
        assertEquals(0, TestDatabase.count("select count(*) from stakeholder where email = ?", email));
        admin().delete("/api/v1/stakeholder-groups/" + group).then().statusCode(204);
        admin().get("/api/v1/stakeholder-groups/" + group).then().statusCode(404);
    }

    @Test
    void thePlanHasDefaultsAndValidatesChanges() {
        given().header("Authorization", TestTokens.bearer("ivy", "incident-commander")).get("/api/v1/communication-plan")
                .then().statusCode(200)
                .body("find { it.priority == 'P1' }.cadenceMinutes", equalTo(30))
                .body("find { it.priority == 'P2' }.cadenceMinutes", equalTo(60))
                .body("find { it.priority == 'P3' }.cadenceMinutes", nullValue())
                .body("find { it.priority == 'P4' }.events", equalTo(List.of("RESOLVED")));

        admin().body(Map.of("events", List.of("RESOLVED"), "cadenceMinutes", 0)).put("/api/v1/communication-plan/P4")
                .then().statusCode(422).contentType(PROBLEM);
        admin().body(Map.of("events", List.of("EXPLODED"))).put("/api/v1/communication-plan/P4")
                .then().statusCode(400).contentType(PROBLEM);
        admin().body(Map.of("cadenceMinutes", 10)).put("/api/v1/communication-plan/P4").then().statusCode(422);
        admin().body(Map.of("events", List.of("RESOLVED"))).put("/api/v1/communication-plan/P9")
                .then().statusCode(404).contentType(PROBLEM);
        admin().body("[").put("/api/v1/communication-plan/P4").then().statusCode(400).contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer("ivy", "incident-commander")).contentType("application/json")
                .body(Map.of("events", List.of("RESOLVED"))).put("/api/v1/communication-plan/P4").then().statusCode(403);
        assertEquals(1, TestDatabase.count("select count(*) from communication_plan where priority = 'P4' "
                + "and events = 'RESOLVED' and cadence_minutes is null"));

        admin().body(Map.of("events", List.of("TRIGGERED", "RESOLVED"), "audiences", List.of("executives"), "cadenceMinutes", 240))
                .put("/api/v1/communication-plan/P4").then().statusCode(200)
                .body("events", equalTo(List.of("TRIGGERED", "RESOLVED"))).body("audiences", equalTo(List.of("executives")))
                .body("cadenceMinutes", equalTo(240));
        // Back to the default, for the other tests sharing this database.
        admin().body(Map.of("events", List.of("RESOLVED"))).put("/api/v1/communication-plan/P4").then().statusCode(200)
                .body("audiences", equalTo(List.of())).body("cadenceMinutes", nullValue());
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin")).contentType("application/json");
    }
}
