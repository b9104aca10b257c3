package io.tocsin.notification.stakeholder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.PostmortemPublished;
import io.tocsin.events.Priority;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stakeholders set up through the admin API hear about incidents as the communication plan says, in their
 * language, once per event; they can unsubscribe, which forgets them.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class StakeholderUpdatesTest {

    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("http://127\\.0\\.0\\.1:8083(/u/[A-Za-z0-9._-]+)");

    @Inject
    ObjectMapper mapper;

    @Test
    void subscribedStakeholdersHearAboutTheIncidentAsPlannedAndCanUnsubscribe() throws Exception {
        String service = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        String anna = Pages.mailbox("anna");
        String ben = Pages.mailbox("ben");
        String group = admin().body(Map.of("name", "executives-" + service, "description", "the board"))
                .contentType("application/json").post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
        admin().contentType("application/json").body(Map.of("name", "Anna", "email", anna, "locale", "de"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        String benId = admin().contentType("application/json").body(Map.of("name", "Ben", "email", ben, "locale", "en"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201).extract().path("id");
        admin().contentType("application/json").body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(201);

        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        String triggered = publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(service, Priority.P1,
                "critical", "checkout down", "prometheus", "k", now.plusSeconds(900), List.of(), ALICE), incident, now));
        TestMail.Mail annaMail = awaitMail(anna, 1).get(0);
        assertEquals("[P1] " + service + ": checkout down (Neuer Vorfall)", annaMail.subject());
        assertTrue(annaMail.body().contains("Abbestellen: http://127.0.0.1:8083/u/"), annaMail.body());
        TestMail.Mail benMail = awaitMail(ben, 1).get(0);
        assertEquals("[P1] " + service + ": checkout down (New incident)", benMail.subject());
        assertTrue(benMail.body().contains("Unsubscribe: http://127.0.0.1:8083/u/"), benMail.body());

        // The same event again changes nothing, once it has been consumed.
        TestKafka.awaitConsumed(TestKafka.send(Topics.INCIDENT_EVENTS, incident.toString(), triggered), Duration.ofSeconds(30));
        assertEquals(2, TestDatabase.count("select count(*) from delivery where incident_id = ?", incident),
                "one mail for Anna and one for Ben");
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u1", List.of(service), "identified",
                "A bad deploy; rolling back.", ALICE), incident, now.plusSeconds(60)));
        TestMail.Mail update = awaitMail(ben, 2).get(1);
        assertEquals("[P1] " + service + ": checkout down (Update)", update.subject());
        assertTrue(update.body().contains("identified: A bad deploy; rolling back."), update.body());

        // Down to P3: the plan says nothing for a priority change to P3, and the group only wants P2 and up.
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentPriorityChanged(service, Priority.P1, Priority.P3,
                "checkout down", now.plusSeconds(3600), "contained", ALICE), incident, now.plusSeconds(120)));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentPriorityChanged(service, Priority.P3, Priority.P2,
                "checkout down", now.plusSeconds(3600), "customers affected after all", ALICE), incident, now.plusSeconds(130)));
        TestMail.Mail raised = awaitMail(ben, 3).get(2);
        assertEquals("[P2] " + service + ": checkout down (Priority changed)", raised.subject());
        assertTrue(raised.body().contains("P3 → P2: customers affected after all"), raised.body());

        // Ben unsubscribes from his mail: GET asks, POST forgets him.
        Matcher link = UNSUBSCRIBE.matcher(benMail.body());
        assertTrue(link.find());
        given().get(link.group(1)).then().statusCode(200).body(containsString("Unsubscribe?")).body(containsString(ben));
        given().post(link.group(1)).then().statusCode(200).body(containsString("removed"));
        given().post(link.group(1)).then().statusCode(410).body(containsString("no longer"));
        assertEquals(0, TestDatabase.count("select count(*) from stakeholder where id = ?::uuid", benId));
        assertEquals(0, TestDatabase.count("select count(*) from delivery where recipient = ? or body_text like ?", ben, "%" + ben + "%"));
        assertTrue(TestDatabase.count("select count(*) from delivery where incident_id = ? and recipient like 'forgotten:%'", incident) >= 3);
        // The other services hear of it (status-service names him in timelines): an erasure by id, once.
        var erased = TestKafka.await(Topics.PERSON_EVENTS, r -> r.value().contains(benId), 1, Duration.ofSeconds(20));
        assertEquals(1, erased.size());
        EventSchemaAssert.assertMatchesSchema(erased.get(0).value());
        assertTrue(erased.get(0).value().contains("\"kind\":\"STAKEHOLDER\"") && !erased.get(0).value().contains(ben));

        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentResolved(service, Priority.P2, "checkout down", now,
                now.plusSeconds(30), ALICE), incident, now.plusSeconds(600)));
        assertEquals("[P2] " + service + ": checkout down (Vorfall behoben)", awaitMail(anna, 4).get(3).subject());
        publish(Topics.STATUS_EVENTS, Envelope.of(new PostmortemPublished("pm-1", "Checkout outage", service,
                Priority.P2, "Bad deploy, no canary.", "https://status.example.test/pm-1", ALICE), incident, now.plusSeconds(900)));
        TestMail.Mail postmortem = awaitMail(anna, 5).get(4);
        assertEquals("[P2] " + service + ": Checkout outage (Nachbetrachtung veröffentlicht)", postmortem.subject());
        assertTrue(postmortem.body().contains("https://status.example.test/pm-1"), postmortem.body());

        Thread.sleep(1000);
        assertEquals(5, TestMail.inbox(anna).size(), "one mail per planned event, none twice");
        assertEquals(3, TestMail.inbox(ben).size(), "nothing after unsubscribing");
    }

    @Test
    void lowPrioritiesAndOtherServicesStayQuiet() throws Exception {
        String service = "quiet-" + UUID.randomUUID().toString().substring(0, 6);
        String carl = Pages.mailbox("carl");
        String group = admin().contentType("application/json").body(Map.of("name", "support-" + service))
                .post("/api/v1/stakeholder-groups").then().statusCode(201).extract().path("id");
        admin().contentType("application/json").body(Map.of("email", carl))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        admin().contentType("application/json").body(Map.of("groupId", group, "service", service, "minPriority", "P4"))
                .post("/api/v1/subscriptions").then().statusCode(201);

        Instant now = Instant.now();
        UUID p4 = UUID.randomUUID();
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(service, Priority.P4, "info", "cert expires",
                null, "c", now.plusSeconds(86400), List.of(), ALICE), p4, now));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered("another-" + service, Priority.P1, "critical",
                "not theirs", null, "d", now.plusSeconds(900), List.of(), ALICE), UUID.randomUUID(), now));
        // P3 and P4: on resolve only.
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentResolved(service, Priority.P4, "cert expires", now,
                null, ALICE), p4, now.plusSeconds(60)));
        TestMail.Mail resolved = awaitMail(carl, 1).get(0);
        assertEquals("[P4] " + service + ": cert expires (Incident resolved)", resolved.subject());
        Thread.sleep(1000);
        assertEquals(1, TestMail.inbox(carl).size());
    }

    private String publish(String topic, Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(topic, event.incidentId().toString(), json);
        return json;
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin"));
    }

    private static List<TestMail.Mail> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestMail.inbox(address).size() >= count);
        return TestMail.inbox(address);
    }
}
