package io.tocsin.notification.clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.Envelope;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.StakeholderNoticeRequested;
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

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * escalation-service's clock requests become mail over real Kafka, PostgreSQL and SMTP: a response-target notice
 * reaches the stakeholder groups the plan addresses for the priority (in each member's language), a GDPR clock
 * reminder reaches the data-protection group; once per request, every header on one line.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ClockMailTest {

    private static final PersonRef CORA = new PersonRef("cora", "Cora Commander");

    @Inject
    ObjectMapper mapper;

    @Test
    void aResponseTargetNoticeReachesTheSubscribedStakeholdersInTheirLanguageOnce() throws Exception {
        String service = "pay-" + UUID.randomUUID().toString().substring(0, 6);
        String anna = Pages.mailbox("anna");
        String ben = Pages.mailbox("ben");
        String other = Pages.mailbox("other");
        String group = group("executives-" + service);
        member(group, "Anna", anna, "de");
        member(group, "Ben", ben, "en");
        subscribe(group, service, "P2");
        member(group("elsewhere-" + service), "Olga", other, "en");       // a group not subscribed to the service

        UUID incident = UUID.randomUUID();
        Instant respondBy = Instant.parse("2026-12-01T10:15:00Z");
        String atRisk = publish(Envelope.of(new StakeholderNoticeRequested(
                StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK, service, Priority.P1, "payments failing",
                respondBy, 80, CORA), incident, Instant.now()));
        TestMail.Mail benMail = awaitMail(ben, 1).get(0);
        assertEquals("[P1] " + service + ": payments failing (Response target at risk)", benMail.subject());
        assertTrue(benMail.body().contains("80 % of the time to acknowledge has passed"), benMail.body());
        assertTrue(benMail.body().contains("Leads:     Cora Commander"), benMail.body());
        assertTrue(benMail.body().contains("2026-12-01 10:15"), benMail.body());
        assertTrue(benMail.body().contains("Unsubscribe: http://127.0.0.1:8083/u/"), benMail.body());
        TestMail.Mail annaMail = awaitMail(anna, 1).get(0);
        assertEquals("[P1] " + service + ": payments failing (Antwortziel gefährdet)", annaMail.subject());
        assertTrue(annaMail.body().contains("Leitung:    Cora Commander"), annaMail.body());

        // Redelivered: consumed again, mailed not again.
        TestKafka.awaitConsumed(TestKafka.send(Topics.NOTIFICATION_REQUESTS, incident.toString(), atRisk),
                Duration.ofSeconds(30));
        assertEquals(2, TestDatabase.count("select count(*) from delivery where incident_id = ?", incident));

        publish(Envelope.of(new StakeholderNoticeRequested(StakeholderNoticeRequested.Notice.RESPONSE_TARGET_BREACHED,
                service, Priority.P1, "payments failing", respondBy, null, null), incident, Instant.now()));
        TestMail.Mail missed = awaitMail(ben, 2).get(1);
        assertEquals("[P1] " + service + ": payments failing (Response target missed)", missed.subject());
        assertTrue(missed.body().contains("Leads:     nobody named"), missed.body());
        Thread.sleep(1000);
        assertEquals(2, TestMail.inbox(ben).size(), "one mail per notice");
        assertEquals(0, TestMail.inbox(other).size(), "a group not subscribed to the service hears nothing");
    }

    @Test
    void aNoticeWhoseSummaryCarriesALineBreakIsMailedWithItsSubjectOnOneLine() throws Exception {
        String service = "hdr-" + UUID.randomUUID().toString().substring(0, 6);
        String carl = Pages.mailbox("carl");
        String group = group("ops-" + service);
        member(group, "Carl", carl, "en");
        subscribe(group, service, "P2");
        publish(Envelope.of(new StakeholderNoticeRequested(StakeholderNoticeRequested.Notice.RESPONSE_TARGET_BREACHED,
                service, Priority.P2, "disk full\r\nBcc: thief@example.test", Instant.now(), null, CORA),
                UUID.randomUUID(), Instant.now()));
        TestMail.Mail mail = awaitMail(carl, 1).get(0);
        assertEquals("[P2] " + service + ": disk full Bcc: thief@example.test (Response target missed)", mail.subject());
        Map<String, List<String>> headers = Pages.headers(carl).get(0);
        assertFalse(headers.containsKey("Bcc"), headers.toString());
        assertEquals(List.of(carl), mail.to());
    }

    @Test
    void theGdprClockRemindsTheDataProtectionGroupAndSaysWhenItIsOverdue() throws Exception {
        String service = "crm-" + UUID.randomUUID().toString().substring(0, 6);
        String dora = Pages.mailbox("dora");
        String erik = Pages.mailbox("erik");
        member(dataProtectionGroup(), "Dora", dora, "en");
        member(dataProtectionGroup(), "Erik", erik, "de");
        String stakeholder = Pages.mailbox("stake");
        String executives = group("executives-" + service);
        member(executives, "Sam", stakeholder, "en");
        subscribe(executives, service, "P4");

        UUID incident = UUID.randomUUID();
        Instant awareAt = Instant.now().minus(Duration.ofHours(24));
        Instant deadline = awareAt.plus(Duration.ofHours(72));
        String reminder = publish(Envelope.of(new BreachReminderRequested(service, Priority.P1,
                "customer export on a public bucket", awareAt, deadline, 24, false, CORA), incident, Instant.now()));
        TestMail.Mail first = awaitMail(dora, 1).get(0);
        assertEquals("[P1] " + service + ": customer export on a public bucket (GDPR: 24 h since awareness)",
                first.subject());
        assertTrue(first.body().contains("No decision is recorded yet"), first.body());
        assertTrue(first.body().contains("47 h"), "time left until the deadline: " + first.body());
        assertTrue(first.body().contains("Leads:     Cora Commander"), first.body());
        TestMail.Mail german = awaitMail(erik, 1).get(0);
        assertEquals("[P1] " + service + ": customer export on a public bucket (DSGVO: 24 h seit Kenntnis)",
                german.subject());

        TestKafka.awaitConsumed(TestKafka.send(Topics.NOTIFICATION_REQUESTS, incident.toString(), reminder),
                Duration.ofSeconds(30));
        publish(Envelope.of(new BreachReminderRequested(service, Priority.P1, "customer export on a public bucket",
                awareAt, deadline, 72, true, CORA), incident, Instant.now()));
        TestMail.Mail overdue = awaitMail(dora, 2).get(1);
        assertEquals("[P1] " + service + ": customer export on a public bucket (GDPR: 72-hour deadline passed)",
                overdue.subject());
        assertTrue(overdue.body().contains("Notify the supervisory authority"), overdue.body());
        Thread.sleep(1000);
        assertEquals(2, TestMail.inbox(dora).size(), "the redelivered reminder is not mailed twice");
        assertEquals(0, TestMail.inbox(stakeholder).size(), "subscribers of the service are not the data-protection group");
    }

    private String publish(Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(Topics.NOTIFICATION_REQUESTS, event.incidentId().toString(), json);
        return json;
    }

    /** The configured data-protection group (tocsin.breach.data-protection-group), created once per database. */
    private static synchronized String dataProtectionGroup() {
        List<Map<String, Object>> groups = admin().get("/api/v1/stakeholder-groups").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return groups.stream().filter(g -> "data-protection".equals(g.get("name"))).map(g -> (String) g.get("id"))
                .findFirst().orElseGet(() -> group("data-protection"));
    }

    private static String group(String name) {
        return admin().contentType("application/json").body(Map.of("name", name)).post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
    }

    private static void member(String group, String name, String email, String locale) {
        admin().contentType("application/json").body(Map.of("name", name, "email", email, "locale", locale))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
    }

    private static void subscribe(String group, String service, String minPriority) {
        admin().contentType("application/json").body(Map.of("groupId", group, "service", service,
                "minPriority", minPriority)).post("/api/v1/subscriptions").then().statusCode(201);
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
