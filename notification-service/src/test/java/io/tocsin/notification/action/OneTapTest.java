package io.tocsin.notification.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tocsin.events.Envelope;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestMail;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import io.tocsin.notification.support.StandIns;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-tap links of a real page, followed as a phone would: GET shows a confirm page and changes nothing, POST
 * acts through incident-service (here its stand-in) on behalf of the recipient, once.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class OneTapTest {

    private static final Pattern LINK = Pattern.compile("(Acknowledge|Resolve): +http://127\\.0\\.0\\.1:8083(/a/[A-Za-z0-9._-]+)");

    @Inject
    ObjectMapper mapper;

    @Test
    void acknowledgeFromThePageOnceOnBehalfOfTheRecipient() throws Exception {
        UUID incident = UUID.randomUUID();
        String link = pageLink(incident, "Acknowledge");

        given().get(link).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Acknowledge this incident?"))
                .body(containsString("[P1] checkout-api: error rate 45%"))
                .body(containsString("<form method=\"post\">"));
        assertEquals(0, requestsFor(incident).size(), "GET must not act");
        // No script, no framing (a one-tap page in a hidden frame would be click-jacking), no token in a Referer.
        for (var response : List.of(given().get(link), given().get("/a/not-a-token"))) {
            String csp = response.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("form-action 'self'") && !csp.contains("unsafe-inline"), "CSP: " + csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            assertTrue(response.asString().contains("<link rel=\"stylesheet\" href=\"/page.css\">")
                    && !response.asString().contains("style="), response.asString());
        }
        given().get("/page.css").then().statusCode(200).contentType(containsString("text/css"));

        given().post(link).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Acknowledged")).body(containsString("now acknowledged"));
        List<String[]> calls = requestsFor(incident);
        assertEquals(1, calls.size());
        assertEquals("/api/v1/incidents/" + incident + "/acknowledge", calls.get(0)[1]);
        assertEquals("Bearer test-service-token", calls.get(0)[2]);
        // The link token travels along: incident-service lets the service act only for the person it was issued to.
        assertEquals(mapper.readTree("{\"onBehalfOf\":{\"id\":\"bob\",\"name\":\"Bob Builder\",\"email\":\""
                + calls.get(0)[3].replaceAll(".*\"email\":\"([^\"]+)\".*", "$1") + "\"},\"link\":\""
                + link.substring("/a/".length()) + "\"}"), mapper.readTree(calls.get(0)[3]));
        assertTrue(calls.get(0)[3].contains("@example.test"));

        // Used up: a second tap (GET or POST) gets a clear page and calls nothing.
        given().get(link).then().statusCode(410).body(containsString("already been used"));
        given().post(link).then().statusCode(410).body(containsString("already been used"));
        assertEquals(1, requestsFor(incident).size());
    }

    @Test
    void resolveWorksTheSameWay() throws Exception {
        UUID incident = UUID.randomUUID();
        String link = pageLink(incident, "Resolve");
        given().post(link).then().statusCode(200).body(containsString("now resolved"));
        assertEquals("/api/v1/incidents/" + incident + "/resolve", requestsFor(incident).get(0)[1]);
    }

    @Test
    void aFailedCallLeavesTheLinkUsableForARetry() throws Exception {
        UUID incident = UUID.randomUUID();
        String link = pageLink(incident, "Acknowledge");
        StandIns.incidentBehaves(incident.toString(), "500");
        given().post(link).then().statusCode(503).contentType(containsString("text/html"))
                .body(containsString("try again")).body(not(containsString("Exception")));
        assertTrue(requestsFor(incident).size() >= 1);
        assertEquals(0, TestDatabase.count("select count(*) from action_link where incident_id = ? and used_at is not null", incident));

        // incident-service is back; the breaker lets a call through again within a second (test timing).
        StandIns.incidentBehaves(incident.toString(), null);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().post(link).then().statusCode(200).body(containsString("now acknowledged")));
        assertEquals(1, TestDatabase.count("select count(*) from action_link where incident_id = ? and used_at is not null", incident));
    }

    @Test
    void aResolvedIncidentCannotBeAcknowledgedAndAnUnknownOneIsNotFound() throws Exception {
        UUID resolved = UUID.randomUUID();
        String link = pageLink(resolved, "Acknowledge");
        StandIns.incidentBehaves(resolved.toString(), "409");
        given().post(link).then().statusCode(409).body(containsString("already resolved"));

        UUID gone = UUID.randomUUID();
        String other = pageLink(gone, "Acknowledge");
        StandIns.incidentBehaves(gone.toString(), "404");
        given().post(other).then().statusCode(404).body(containsString("no longer exists"));
    }

    @Test
    void anExpiredLinkGetsAClearPage() throws Exception {
        UUID incident = UUID.randomUUID();
        String link = pageLink(incident, "Acknowledge");
        // Simulated time: the link's hour has passed.
        TestDatabase.execute("update action_link set expires_at = now() - interval '1 second' where incident_id = ?", incident);
        given().get(link).then().statusCode(410).contentType(containsString("text/html")).body(containsString("expired"));
        given().post(link).then().statusCode(410).body(containsString("expired"));
        assertEquals(0, requestsFor(incident).size());
    }

    @Test
    void tamperedOrMadeUpLinksGetAClearPage() throws Exception {
        UUID incident = UUID.randomUUID();
        String link = pageLink(incident, "Acknowledge");
        char last = link.charAt(link.length() - 1);
        String tampered = link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
        given().get(tampered).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("not valid"));
        given().post(tampered).then().statusCode(404).body(containsString("not valid"));
        // The acknowledge token re-pointed at the resolve link's row, and plain garbage.
        String resolve = pageLink(incident, "Resolve");
        String swapped = resolve.substring(0, resolve.indexOf('.')) + link.substring(link.indexOf('.'));
        given().post(swapped).then().statusCode(404).body(containsString("not valid"));
        given().get("/a/garbage").then().statusCode(404).contentType(containsString("text/html"));
        given().post("/a/" + UUID.randomUUID() + ".x").then().statusCode(404).contentType(containsString("text/html"));
        assertEquals(0, requestsFor(incident).size());
    }

    /** Pages bob for the incident and returns the path of the named one-tap link from the mail he received. */
    private String pageLink(UUID incident, String which) throws Exception {
        String bob = mailboxes.computeIfAbsent(incident, i -> Pages.mailbox("bob"));
        if (TestMail.inbox(bob).isEmpty()) {
            Pages.publish(mapper, Envelope.of(Pages.page(bob, "en", Priority.P1, "checkout-api", "error rate 45%",
                    Duration.ofMinutes(15), 1), incident, Instant.now()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !TestMail.inbox(bob).isEmpty());
        Matcher matcher = LINK.matcher(TestMail.inbox(bob).get(0).body());
        while (matcher.find()) {
            if (matcher.group(1).equals(which)) {
                return matcher.group(2);
            }
        }
        throw new AssertionError("No " + which + " link in the page");
    }

    private final java.util.Map<UUID, String> mailboxes = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String[]> requestsFor(UUID incident) {
        return StandIns.incidentRequests().stream().filter(r -> r[1].contains(incident.toString())).toList();
    }
}
