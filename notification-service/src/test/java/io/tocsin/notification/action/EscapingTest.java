package io.tocsin.notification.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Recipient;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two pages people open from their mail show text others typed: the one-tap page shows the incident (alert
 * text) and the recipient's name, the unsubscribe page the stakeholder's address. Markup in them arrives escaped,
 * asserted on the raw response.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class EscapingTest {

    private static final String SCRIPT = "<script>alert('summary')</script>";
    private static final String ATTRIBUTE = "\"><img src=x onerror=alert('name')>";

    @Inject
    ObjectMapper mapper;

    @Test
    void theOneTapPageShowsAlertTextAndTheNameAsText() throws Exception {
        String email = Pages.mailbox("xss");
        UUID incident = UUID.randomUUID();
        Pages.publish(mapper, Envelope.of(new NotificationRequested(
                new Recipient("mallory", ATTRIBUTE, email, "UTC", "en"), ContactMethod.email(email), "checkout-api",
                Priority.P1, SCRIPT, Instant.now().plusSeconds(900), List.of(), 1, 0, "on call"), incident, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ?", incident) == 1);
        String path = link("/a/", TestDatabase.text("select body_text from delivery where incident_id = ?", incident));

        String page = given().get(path).then().statusCode(200).extract().asString();
        assertEscaped(page, SCRIPT, ATTRIBUTE);
    }

    @Test
    void theUnsubscribePageShowsTheAddressAsText() throws Exception {
        // A quoted local part may hold markup and is still a valid address.
        String address = "\"<script>alert('summary')</script>\"@example.test";
        String service = "xss-" + UUID.randomUUID().toString().substring(0, 6);
        String group = admin().body(Map.of("name", "board-" + service)).post("/api/v1/stakeholder-groups")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("name", ATTRIBUTE, "email", address, "locale", "en"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        admin().body(Map.of("groupId", group, "service", service, "minPriority", "P4"))
                .post("/api/v1/subscriptions").then().statusCode(201);
        UUID incident = UUID.randomUUID();
        Instant now = Instant.now();
        String json = mapper.writeValueAsString(Envelope.of(new IncidentTriggered(service, Priority.P1, "critical",
                "checkout down", null, "k", now.plusSeconds(900), List.of(), Actor.system()), incident, now));
        TestKafka.send(Topics.INCIDENT_EVENTS, incident.toString(), json);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ?", incident) == 1);
        String path = link("/u/", TestDatabase.text("select body_text from delivery where incident_id = ?", incident));

        String page = given().get(path).then().statusCode(200).extract().asString();
        assertEscaped(page, SCRIPT);
    }

    private static String link(String prefix, String body) {
        Matcher link = Pattern.compile("https?://[^/\\s]+(" + prefix + "[A-Za-z0-9._-]+)").matcher(body);
        assertTrue(link.find(), "a " + prefix + " link in\n" + body);
        return link.group(1);
    }

    /** No live markup in the raw body, yet the text is there once entities are decoded: shown, not run. */
    private static void assertEscaped(String body, String... typed) {
        assertFalse(body.contains("<script>alert("), "a live script element:\n" + body);
        assertFalse(body.contains("<img src=x"), "a live img element:\n" + body);
        String text = body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
        for (String value : typed) {
            assertTrue(text.contains(value), "shows " + value + " as text:\n" + body);
        }
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("root", "admin")).contentType("application/json");
    }
}
