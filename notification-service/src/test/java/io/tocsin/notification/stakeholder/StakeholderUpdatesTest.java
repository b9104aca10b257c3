package io.tocsin.notification.stakeholder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
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
import io.tocsin.notification.support.Bursts;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stakeholders set up through the admin API hear about incidents as the communication plan says, in their
 * language, once per event; they can unsubscribe, which forgets them. What they read, in English and in German,
 * through the whole life of an incident: what is affected (as the status page names it), the impact and status, what
 * is being done, who leads (by name, never an address), when the next update comes and where to follow it; once
 * resolved, how long it lasted and the postmortem link. A burst of new incidents is one digest.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class StakeholderUpdatesTest {

    private static final Actor ALICE = new Actor(Actor.Kind.USER, "alice", "Alice", "alice@example.test");
    private static final Actor INTEGRATION = new Actor(Actor.Kind.INTEGRATION, "am", "Alertmanager", null);
    private static final Actor CAROL = new Actor(Actor.Kind.USER, "carol-id", "Carol Commander", "carol@corp.example.test");
    private static final Actor PAT = new Actor(Actor.Kind.USER, "pat-id", "Pat Talker", "pat@corp.example.test");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
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
        Bursts.windowPasses(anna, 1);
        Bursts.windowPasses(ben, 1);
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
        assertTrue(update.body().contains("Status:            Cause identified"), update.body());
        assertTrue(update.body().contains("What we are doing: A bad deploy; rolling back."), update.body());

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

    @Test
    void anIncidentToldInEnglishAndGerman() throws Exception {
        String service = "checkout-" + UUID.randomUUID().toString().substring(0, 6);
        String ben = Pages.mailbox("ben");
        String anna = Pages.mailbox("anna");
        // The status page calls this service "Checkout & payments" (status-service's event).
        publish(Topics.STATUS_EVENTS, Envelope.of(new ComponentChanged(UUID.randomUUID().toString(), service,
                "Checkout & payments", "Shop", false), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from status_component where service = ?", service) == 1);
        String group = admin().body(Map.of("name", "board-" + service)).post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Ben", "email", ben, "language", "en"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        admin().body(Map.of("name", "Anna", "email", anna, "language", "de", "timeZone", "Europe/Berlin"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        admin().body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(201);

        UUID incident = UUID.randomUUID();
        Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(service, Priority.P1, "critical",
                "Checkout fails for every customer", "prometheus", "k", opened.plusSeconds(900), List.of(), INTEGRATION),
                incident, opened));
        Bursts.windowPasses(ben, 1);
        Bursts.windowPasses(anna, 1);
        String nextUtc = MINUTE.withZone(ZoneId.of("UTC")).format(opened.plus(Duration.ofMinutes(30)));
        String nextBerlin = MINUTE.withZone(ZoneId.of("Europe/Berlin")).format(opened.plus(Duration.ofMinutes(30)));

        TestMail.Mail opening = awaitMail(ben, 1).get(0);
        assertEquals("[P1] Checkout & payments: Checkout fails for every customer (New incident)", opening.subject());
        assertReads(opening, "What is affected:  Checkout & payments",
                "Impact:            Major outage: the service is unavailable",
                "Status:            Investigating",
                "What we are doing: The on-call engineer has been alerted and is looking into it.",
                "Who leads:         the on-call engineer",
                "Next update:       by " + nextUtc + " UTC (within ",
                // No public update yet, so status-service has no page for the incident: the status page itself.
                "Status page: http://127.0.0.1:8084/");
        TestMail.Mail eröffnet = awaitMail(anna, 1).get(0);
        assertEquals("[P1] Checkout & payments: Checkout fails for every customer (Neuer Vorfall)", eröffnet.subject());
        assertReads(eröffnet, "Betroffen:         Checkout & payments",
                "Auswirkung:        Schwerer Ausfall: der Dienst ist nicht verfügbar",
                "Stand:             Wird untersucht",
                "Was wir tun:       Die Rufbereitschaft ist alarmiert und sieht sich das an.",
                "Leitung:           die Rufbereitschaft",
                "Nächstes Update:   bis " + nextBerlin + " Europe/Berlin (in spätestens ",
                "Statusseite: http://127.0.0.1:8084/");
        // The HTML part escapes what came from outside.
        assertTrue(opening.body().contains("Checkout &amp; payments"), opening.body());

        // The room fills up, then the communications lead tells the public what is being done.
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentRoleChanged(service, Priority.P1,
                "Checkout fails for every customer", null, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED,
                CAROL, null, null, null, CAROL), incident, opened.plusSeconds(60)));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentRoleChanged(service, Priority.P1,
                "Checkout fails for every customer", null, IncidentRole.COMMUNICATIONS_LEAD,
                IncidentRoleChanged.Change.ASSIGNED, PAT, null, null, null, CAROL), incident, opened.plusSeconds(70)));
        awaitLeads(incident, "Carol Commander", "Pat Talker");
        Instant posted = opened.plusSeconds(300);
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u1", List.of(service), "identified",
                "A faulty release of the payment gateway; we are rolling it back.", PAT), incident, posted));
        TestMail.Mail update = awaitMail(ben, 2).get(1);
        assertEquals("[P1] Checkout & payments: Checkout fails for every customer (Update)", update.subject());
        assertReads(update, "Status:            Cause identified",
                "What we are doing: A faulty release of the payment gateway; we are rolling it back.",
                "Who leads:         Carol Commander (incident commander), Pat Talker (communications)",
                "Next update:       by " + MINUTE.withZone(ZoneId.of("UTC")).format(posted.plus(Duration.ofMinutes(30)))
                        + " UTC",
                "Incident page: http://127.0.0.1:8084/incidents/" + incident);
        TestMail.Mail stand = awaitMail(anna, 2).get(1);
        assertReads(stand, "Stand:             Ursache gefunden",
                "Leitung:           Carol Commander (Incident Commander), Pat Talker (Kommunikation)",
                "Seite des Vorfalls: http://127.0.0.1:8084/incidents/" + incident);

        // Resolved 72 minutes after it began: how long it lasted; the postmortem is announced, its link comes later.
        Instant resolvedAt = opened.plus(Duration.ofMinutes(72));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentResolved(service, Priority.P1,
                "Checkout fails for every customer", opened, opened.plusSeconds(120), CAROL), incident, resolvedAt));
        TestMail.Mail resolved = awaitMail(ben, 3).get(2);
        assertEquals("[P1] Checkout & payments: Checkout fails for every customer (Incident resolved)", resolved.subject());
        assertReads(resolved, "Status:            Resolved",
                "How long:          1 h 12 min (" + MINUTE.withZone(ZoneId.of("UTC")).format(opened) + " UTC – "
                        + MINUTE.withZone(ZoneId.of("UTC")).format(resolvedAt) + " UTC)",
                "When a postmortem is published, you will receive its link.");
        assertFalse(resolved.body().contains("Next update"), resolved.body());
        TestMail.Mail behoben = awaitMail(anna, 3).get(2);
        assertEquals("[P1] Checkout & payments: Checkout fails for every customer (Vorfall behoben)", behoben.subject());
        assertReads(behoben, "Dauer:             1 h 12 min (" + MINUTE.withZone(ZoneId.of("Europe/Berlin")).format(opened)
                + " Europe/Berlin – ", "Wird eine Nachbetrachtung veröffentlicht, erhalten Sie den Link.");

        // The postmortem is published: its public link (status-service's /postmortems/{id}, no token needed).
        String postmortem = "http://127.0.0.1:8084/postmortems/" + UUID.randomUUID();
        publish(Topics.STATUS_EVENTS, Envelope.of(new PostmortemPublished("pm-1", "Checkout outage of Monday",
                service, Priority.P1, "A release without a canary.", postmortem, CAROL), incident,
                resolvedAt.plus(Duration.ofDays(2))));
        TestMail.Mail published = awaitMail(ben, 4).get(3);
        assertEquals("[P1] Checkout & payments: Checkout outage of Monday (Postmortem published)", published.subject());
        assertReads(published, "How long:          1 h 12 min", "A release without a canary.",
                "Postmortem: " + postmortem);
        assertReads(awaitMail(anna, 4).get(3), "Nachbetrachtung: " + postmortem);

        // Leads are named, never reached: no address of theirs in any mail, nor in what this service keeps.
        for (TestMail.Mail mail : TestMail.inbox(ben)) {
            assertFalse(mail.body().contains("@corp.example.test"), mail.body());
        }
        assertEquals(0, TestDatabase.count("select count(*) from incident_state where incident_id = ? "
                + "and (commander_name like '%@%' or comms_lead_name like '%@%')", incident));
        Thread.sleep(1000);
        assertEquals(4, TestMail.inbox(ben).size(), "one mail per planned event, none twice");
    }

    @Test
    void aReleasedCommanderIsNoLongerNamedAndAnErasedOneIsGoneFromKeptMails() throws Exception {
        String service = "search-" + UUID.randomUUID().toString().substring(0, 6);
        String cleo = Pages.mailbox("cleo");
        String group = admin().body(Map.of("name", "support-" + service)).post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Cleo", "email", cleo)).post("/api/v1/stakeholder-groups/" + group + "/members")
                .then().statusCode(201);
        admin().body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                .post("/api/v1/subscriptions").then().statusCode(201);
        UUID incident = UUID.randomUUID();
        Instant opened = Instant.now();
        Actor dana = new Actor(Actor.Kind.USER, "dana-" + UUID.randomUUID(), "Dana O'Neil", "dana@corp.example.test");
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(service, Priority.P2, "error",
                "Search is slow", "prometheus", "s", opened.plusSeconds(3600), List.of(), INTEGRATION), incident, opened));
        Bursts.windowPasses(cleo, 1);
        assertReads(awaitMail(cleo, 1).get(0), "Who leads:         the on-call engineer");
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentRoleChanged(service, Priority.P2,
                "Search is slow", null, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED, dana, null, null,
                null, dana), incident, opened.plusSeconds(10)));
        awaitLeads(incident, "Dana O'Neil", "");
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u1", List.of(service), "investigating",
                "Looking at the search cluster with Dana O'Neilson's runbook.", dana), incident, opened.plusSeconds(15)));
        assertReads(awaitMail(cleo, 2).get(1), "Who leads:         Dana O'Neil (incident commander)");
        // In the HTML part too, escaped.
        assertTrue(TestMail.inbox(cleo).get(1).body().contains("Dana O&#39;Neil (incident commander)"),
                TestMail.inbox(cleo).get(1).body());

        // Dana is erased (escalation-service's PersonErased): the mails kept here no longer name her.
        publish(Topics.PERSON_EVENTS, Envelope.of(new io.tocsin.events.PersonErased(dana.id(),
                io.tocsin.events.PersonErased.Kind.RESPONDER), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where recipient = ? and body_text like '%Erased person (incident commander)%'",
                cleo) == 1);
        assertEquals(0, TestDatabase.count("select count(*) from delivery where incident_id = ? and (body_text ~ ? "
                + "or body_html ~ ? or facts ~ ?)", incident, "O'Neil\\M", "O&#39;Neil\\M", "O'Neil\\M"));
        // Only her name as a whole: another person's words stay as they were written.
        assertEquals(1, TestDatabase.count("select count(*) from delivery where recipient = ? and body_text like ?",
                cleo, "%What we are doing: Looking at the search cluster with Dana O'Neilson's runbook.%"));
        assertEquals(0, TestDatabase.count("select count(*) from incident_state where incident_id = ? "
                + "and commander_name is not null", incident));
        assertEquals(0, TestDatabase.count("select count(*) from incident_lead where person_id = ?", dana.id()));

        // A commander who released the role is no longer named as leading.
        Actor eve = new Actor(Actor.Kind.USER, "eve", "Eve", null);
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentRoleChanged(service, Priority.P2,
                "Search is slow", null, IncidentRole.COMMANDER, IncidentRoleChanged.Change.ASSIGNED, eve, null, null,
                null, eve), incident, opened.plusSeconds(20)));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentRoleChanged(service, Priority.P2,
                "Search is slow", null, IncidentRole.COMMANDER, IncidentRoleChanged.Change.RELEASED, eve, null, null,
                null, eve), incident, opened.plusSeconds(30)));
        // Both applied (one partition, in order): Eve led, and leads no more.
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("select count(*) from incident_lead l "
                + "join incident_state s using (incident_id) where l.incident_id = ? and l.person_id = 'eve' "
                + "and s.commander_id is null", incident) == 1);
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u2", List.of(service), "monitoring",
                "Caches rebuilt.", eve), incident, opened.plusSeconds(40)));
        TestMail.Mail update = awaitMail(cleo, 3).get(2);
        assertReads(update, "Status:            Monitoring a fix", "Who leads:         the on-call engineer");
        // No component for this service on the status page: its slug is what the reader gets.
        assertReads(update, "What is affected:  " + service);
    }

    @Test
    void aBurstOfNewIncidentsIsOneDigestAndLaterUpdatesComeOneByOne() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String payments = "payments-" + suffix;
        String search = "search-" + suffix;
        String login = "login-" + suffix;
        component(payments, "Payments");
        component(search, "Product search");
        String dora = Pages.mailbox("dora");
        String emil = Pages.mailbox("emil");
        String group = admin().body(Map.of("name", "support-" + suffix)).post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
        String doraId = admin().body(Map.of("name", "Dora", "email", dora, "language", "en"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", "Emil", "email", emil, "language", "de", "timeZone", "Europe/Berlin"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        for (String service : List.of(payments, search, login)) {
            admin().body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                    .post("/api/v1/subscriptions").then().statusCode(201);
        }

        // Three incidents open within seconds of each other (one cause, three symptoms).
        Instant now = Instant.now();
        UUID paymentsDown = UUID.randomUUID();
        UUID searchSlow = UUID.randomUUID();
        UUID loginDown = UUID.randomUUID();
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(payments, Priority.P1, "critical",
                "Card payments fail", "prometheus", "p", now.plusSeconds(900), List.of(), INTEGRATION), paymentsDown, now));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(search, Priority.P2, "error",
                "Search answers slowly", "prometheus", "s", now.plusSeconds(1800), List.of(), INTEGRATION), searchSlow,
                now.plusSeconds(2)));
        publish(Topics.INCIDENT_EVENTS, Envelope.of(new IncidentTriggered(login, Priority.P1, "critical",
                "Nobody can sign in", "prometheus", "l", now.plusSeconds(900), List.of(), INTEGRATION), loginDown,
                now.plusSeconds(3)));
        Bursts.windowPasses(dora, 3);
        Bursts.windowPasses(emil, 3);

        // One mail instead of three, naming every incident and what it affects.
        TestMail.Mail digest = awaitMail(dora, 1).get(0);
        assertTrue(digest.subject().startsWith("[Tocsin] 3 new incidents: "), digest.subject());
        for (String name : List.of("Payments", "Product search", login)) {
            assertTrue(digest.subject().contains(name), digest.subject());
        }
        assertReads(digest, "Card payments fail [P1]", "Search answers slowly [P2]", "Nobody can sign in [P1]",
                "What is affected:  Payments", "What is affected:  Product search", "What is affected:  " + login,
                "Impact:            Major outage: the service is unavailable",
                "Impact:            Partial outage: parts of the service do not work",
                "Who leads:         the on-call engineer", "Next update:       by ",
                "Status page:       http://127.0.0.1:8084/", "Unsubscribe: http://127.0.0.1:8083/u/");
        TestMail.Mail sammlung = awaitMail(emil, 1).get(0);
        assertTrue(sammlung.subject().startsWith("[Tocsin] 3 neue Vorfälle: "), sammlung.subject());
        assertReads(sammlung, "Betroffen:         Payments", "Betroffen:         Product search",
                "Auswirkung:        Schwerer Ausfall", "Nächstes Update:   bis ", " Europe/Berlin",
                "Abbestellen: http://127.0.0.1:8083/u/");
        Thread.sleep(1000);
        assertEquals(1, TestMail.inbox(dora).size(), "one digest, not a mail per incident");
        assertEquals(1, TestMail.inbox(emil).size(), "one digest, not a mail per incident");

        // Each incident's timeline hears that Dora was told about it (the digest carried its mail).
        for (UUID incident : List.of(paymentsDown, searchSlow, loginDown)) {
            var delivered = TestKafka.await(Topics.NOTIFICATION_EVENTS, r -> r.value().contains("NotificationDelivered")
                    && r.value().contains(incident.toString()) && r.value().contains(doraId), 1, Duration.ofSeconds(20));
            EventSchemaAssert.assertMatchesSchema(delivered.get(0).value());
            assertTrue(delivered.get(0).value().contains("stakeholder-triggered"), delivered.get(0).value());
        }

        // Later news about one of them is a mail of its own.
        publish(Topics.STATUS_EVENTS, Envelope.of(new PublicUpdatePosted("u1", List.of(payments), "identified",
                "The card processor rejects our certificate; we are renewing it.", PAT), paymentsDown, now.plusSeconds(120)));
        TestMail.Mail update = awaitMail(dora, 2).get(1);
        assertEquals("[P1] Payments: Card payments fail (Update)", update.subject());
        assertReads(update, "What we are doing: The card processor rejects our certificate; we are renewing it.",
                "Incident page: http://127.0.0.1:8084/incidents/" + paymentsDown);
    }

    /** status-service names {@code service} {@code name} on the public page (its ComponentChanged event). */
    private void component(String service, String name) throws Exception {
        publish(Topics.STATUS_EVENTS, Envelope.of(new ComponentChanged(UUID.randomUUID().toString(), service, name,
                null, false), null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from status_component where service = ?", service) == 1);
    }

    /**
     * Role events and public updates travel on different topics, so either may be applied first: wait until the read
     * model names these leads ("" for none) before a public update is to name them.
     */
    static void awaitLeads(UUID incident, String commander, String commsLead) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("select count(*) from incident_state "
                + "where incident_id = ? and coalesce(commander_name, '') = ? and coalesce(comms_lead_name, '') = ?",
                incident, commander, commsLead) == 1);
    }

    static void assertReads(TestMail.Mail mail, String... lines) {
        for (String line : lines) {
            assertTrue(mail.body().contains(line), "the mail reads \"" + line + "\":\n" + mail.body());
        }
    }

    private String publish(String topic, Envelope<?> event) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(topic, event.incidentId() == null ? null : event.incidentId().toString(), json);
        return json;
    }

    static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin")).contentType("application/json");
    }

    static List<TestMail.Mail> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestMail.inbox(address).size() >= count);
        return TestMail.inbox(address);
    }
}
