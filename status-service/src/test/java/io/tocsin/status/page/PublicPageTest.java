package io.tocsin.status.page;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.local.testing.TocsinTestResource;
import io.tocsin.status.Events;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tocsin.status.Events.ALICE;
import static io.tocsin.status.Events.INTEGRATION;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public page from real events: status derived from open incidents, overridable by an incident commander,
 * public updates published as events, and nothing internal ever rendered.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class PublicPageTest {

    /** Internal strings that must never reach a public page. */
    private static final List<String> SECRETS = List.of("hunter2", "NOTE-SECRET", "Alice", "alice@example.test",
            "db-7", "grafana.internal");

    static String admin() {
        return TestTokens.bearer("root", "admin");
    }

    static String commander() {
        return TestTokens.bearer("carol", "incident-commander");
    }

    static String communications() {
        return TestTokens.bearer("pat", "communications");
    }

    static String responder() {
        return TestTokens.bearer("alice", "responder");
    }

    /** A component for a fresh service slug; returns its id. */
    static String component(String service, String name, String group) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"" + name + "\",\"group\":" +
                        (group == null ? "null" : "\"" + group + "\"") + "}")
                .post("/api/v1/components").then().statusCode(201).extract().path("id");
    }

    /** Triggers an incident with internal details, acknowledged by Alice, with a private note. */
    static UUID openIncident(String service, Priority priority) {
        UUID incident = UUID.randomUUID();
        Instant t0 = Instant.now().minusSeconds(600);
        Events.publish(Envelope.of(new IncidentTriggered(service, priority, "critical",
                "db-7 replica lag, password=hunter2", "prometheus", "k-" + incident, t0.plusSeconds(900),
                List.of(new Link("https://grafana.internal/d/1", "Dashboard")), INTEGRATION), incident, t0));
        Events.publish(Envelope.of(new IncidentAcknowledged(service, priority, "db-7 replica lag, password=hunter2",
                ALICE, ALICE), incident, t0.plusSeconds(60)));
        Events.publish(Envelope.of(new IncidentNoteAdded(service, priority, "db-7 replica lag, password=hunter2",
                "NOTE-SECRET restart db-7", ALICE), incident, t0.plusSeconds(90)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", responder())
                .get("/api/v1/incidents/" + incident + "/timeline").then().statusCode(200)
                .body("entries.size()", equalTo(3)));
        return incident;
    }

    static String service() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOpenP1IsAMajorOutageUntilAnIncidentCommanderOverridesIt() {
        String service = service();
        String id = component(service, "Payments " + service, "Checkout");
        openIncident(service, Priority.P1);

        given().get("/api/v1/status").then().statusCode(200)
                .body("status", equalTo("MAJOR_OUTAGE"))
                .body("components.find { it.name == 'Payments " + service + "' }.status", equalTo("MAJOR_OUTAGE"))
                .body("components.find { it.name == 'Payments " + service + "' }.group", equalTo("Checkout"))
                .body("components.find { it.name == 'Payments " + service + "' }.days.size()", equalTo(90));

        given().header("Authorization", responder()).contentType(ContentType.JSON)
                .body("{\"status\":\"OPERATIONAL\"}").put("/api/v1/components/" + id + "/status")
                .then().statusCode(403);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"DEGRADED_PERFORMANCE\",\"reason\":\"mostly recovered\"}")
                .put("/api/v1/components/" + id + "/status").then().statusCode(200)
                .body("overrideStatus", equalTo("DEGRADED_PERFORMANCE"));
        given().get("/api/v1/status").then()
                .body("components.find { it.name == 'Payments " + service + "' }.status", equalTo("DEGRADED_PERFORMANCE"));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":null}").put("/api/v1/components/" + id + "/status").then().statusCode(200);
        given().header("Authorization", responder()).get("/api/v1/components").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.status", equalTo("MAJOR_OUTAGE"));
    }

    @Test
    void aPublicUpdateIsPublishedAndShownWithoutAnythingInternal() {
        String service = service();
        component(service, "Search", null);
        UUID incident = openIncident(service, Priority.P2);

        given().header("Authorization", communications()).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"title\":\"Slow search results\",\"message\":\"We found the cause & are fixing it.\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates")
                .then().statusCode(201).body("status", equalTo("identified"));

        List<ConsumerRecord<String, String>> posted = TestKafka.await(Topics.STATUS_EVENTS,
                r -> r.value().contains("PublicUpdatePosted") && incident.toString().equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertEquals(1, posted.size());
        EventSchemaAssert.assertMatchesSchema(posted.get(0).value());
        assertTrue(posted.get(0).value().contains("\"services\":[\"" + service + "\"]"));

        String page = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        assertTrue(page.contains("Slow search results"));
        assertTrue(page.contains("We found the cause &amp; are fixing it."), "escaped");
        assertTrue(page.contains("Partial outage"));
        String incidentPage = given().get("/incidents/" + incident).then().statusCode(200).extract().asString();
        assertTrue(incidentPage.contains("We found the cause &amp; are fixing it."));
        String json = given().get("/api/v1/status").then().statusCode(200).extract().asString();
        String atom = given().get("/history.atom").then().statusCode(200).extract().asString();
        for (String publicPage : List.of(page, incidentPage, json, atom)) {
            for (String secret : SECRETS) {
                assertFalse(publicPage.contains(secret), "public output leaks " + secret);
            }
            assertFalse(publicPage.contains(service), "public output names the internal service slug");
        }
        // The internal timeline has the update, with who posted it.
        given().header("Authorization", responder()).get("/api/v1/incidents/" + incident + "/timeline")
                .then().body("entries.kind", hasItem("PUBLIC_UPDATE"))
                .body("incident.status", equalTo("ACKNOWLEDGED"));
    }

    /** "Past incidents" covers 14 days of updates; an incident still open is shown however old its last update. */
    @Test
    void anOpenIncidentStaysOnThePageAfterItsLastUpdateLeftTheHistory() {
        String service = service();
        component(service, "Billing", null);
        UUID incident = openIncident(service, Priority.P2);
        given().header("Authorization", communications()).contentType(ContentType.JSON)
                .body("{\"status\":\"investigating\",\"title\":\"Invoices are late\",\"message\":\"Looking into it.\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);
        TestDatabase.execute("update public_update set posted_at = now() - interval '20 days' where incident_id = ?",
                incident);

        String page = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Invoices are late"), page);
        assertTrue(page.contains("Partial outage"));
    }

    @Test
    void anIncidentWithoutPublicUpdatesIsNotPublic() {
        UUID incident = openIncident(service(), Priority.P3);
        for (String id : new String[] {incident.toString(), UUID.randomUUID().toString(), "not-an-id"}) {
            // A person followed a link: a page with a way back, nothing about the incident, no problem+json.
            String body = given().get("/incidents/" + id).then().statusCode(404).contentType("text/html")
                    .extract().asString();
            assertTrue(body.contains("nothing public at this address") && body.contains("href=\"/\""), body);
            assertFalse(body.contains(incident.toString()), "the page names the incident");
        }
    }

    @Test
    void theHistoryIsValidAtom() throws Exception {
        String service = service();
        component(service, "Login", null);
        UUID incident = openIncident(service, Priority.P2);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"investigating\",\"title\":\"Login <errors>\",\"message\":\"Some users cannot log in.\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);

        byte[] body = given().get("/history.atom").then().statusCode(200)
                .contentType(containsString("application/atom+xml")).extract().asByteArray();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        Element root = feed.getDocumentElement();
        String atom = "http://www.w3.org/2005/Atom";
        assertEquals("feed", root.getLocalName());
        assertEquals(atom, root.getNamespaceURI());
        for (String required : List.of("id", "title", "updated", "author")) {
            assertEquals(required, root.getElementsByTagNameNS(atom, required).item(0).getLocalName());
        }
        Instant.parse(root.getElementsByTagNameNS(atom, "updated").item(0).getTextContent());
        NodeList entries = root.getElementsByTagNameNS(atom, "entry");
        boolean found = false;
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            assertTrue(entry.getElementsByTagNameNS(atom, "id").item(0).getTextContent().startsWith("urn:uuid:"));
            Instant.parse(entry.getElementsByTagNameNS(atom, "updated").item(0).getTextContent());
            if (entry.getElementsByTagNameNS(atom, "title").item(0).getTextContent().equals("Login <errors> (Investigating)")) {
                found = true;
                assertTrue(entry.getElementsByTagNameNS(atom, "content").item(0).getTextContent()
                        .contains("Some users cannot log in."));
            }
        }
        assertTrue(found, "the incident is in the feed");
        assertFalse(new String(body, StandardCharsets.UTF_8).contains("hunter2"));
    }

    @Test
    void badPublicUpdatesAreRejectedAndLeaveNothingBehind() {
        UUID incident = openIncident(service(), Priority.P2);
        long updates = TestDatabase.count("select count(*) from public_update");
        long outbox = TestDatabase.count("select count(*) from outbox");
        String path = "/api/v1/incidents/" + incident + "/public-updates";

        given().header("Authorization", commander()).contentType(ContentType.JSON).body("{\"status\":")
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"panicking\",\"message\":\"\"}")
                .post(path).then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasItem(startsWith("status"))).body("errors", hasItem(startsWith("message")));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"message\":\"" + "x".repeat(5001) + "\"}")
                .post(path).then().statusCode(422);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"message\":\"m\"}")
                .post("/api/v1/incidents/" + UUID.randomUUID() + "/public-updates").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"status\":\"identified\",\"message\":\"m\"}")
                .post(path).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("sam", "stakeholder")).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"message\":\"m\"}").post(path).then().statusCode(403)
                .contentType("application/problem+json");
        // Speaking to the public is for the incident commander and communications, not every responder.
        given().header("Authorization", responder()).contentType(ContentType.JSON)
                .body("{\"status\":\"identified\",\"message\":\"m\"}").post(path).then().statusCode(403)
                .contentType("application/problem+json");

        assertEquals(updates, TestDatabase.count("select count(*) from public_update"));
        assertEquals(outbox, TestDatabase.count("select count(*) from outbox"));
    }

    @Test
    void componentsAreConfiguredByAdminsOnly() {
        String service = service();
        long before = TestDatabase.count("select count(*) from component");
        given().header("Authorization", responder()).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"X\"}").post("/api/v1/components")
                .then().statusCode(403);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"X\"}").post("/api/v1/components")
                .then().statusCode(403);
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"service\":\"Not A Slug\",\"name\":\"\"}").post("/api/v1/components")
                .then().statusCode(422).body("errors", hasItem(startsWith("service")))
                .body("errors", hasItem(startsWith("name")));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("[]")
                .post("/api/v1/components").then().statusCode(400);
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"status\":\"BROKEN\"}").put("/api/v1/components/" + UUID.randomUUID() + "/status")
                .then().statusCode(400);
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"status\":\"OPERATIONAL\"}").put("/api/v1/components/" + UUID.randomUUID() + "/status")
                .then().statusCode(404);
        assertEquals(before, TestDatabase.count("select count(*) from component"));

        String id = component(service, "X", null);
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"service\":\"" + service + "\",\"name\":\"Y\"}").post("/api/v1/components")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(before + 1, TestDatabase.count("select count(*) from component"));

        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"Renamed\",\"group\":\"Core\",\"position\":3}").put("/api/v1/components/" + id)
                .then().statusCode(200).body("name", equalTo("Renamed")).body("group", equalTo("Core"));
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"position\":-1}").put("/api/v1/components/" + id)
                .then().statusCode(422).body("errors", hasItem(startsWith("position")));
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"name\":\"Z\"}").put("/api/v1/components/" + id).then().statusCode(403);
        given().header("Authorization", commander()).delete("/api/v1/components/" + id).then().statusCode(403);
        given().header("Authorization", admin()).delete("/api/v1/components/" + id).then().statusCode(204);
        given().header("Authorization", admin()).delete("/api/v1/components/" + id).then().statusCode(404);
        assertEquals(before, TestDatabase.count("select count(*) from component"));
    }

    @Test
    void thePageIsSelfContained() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertFalse(page.contains("<script"), "no script");
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource");
        assertFalse(page.contains("@import"));
    }

    @Test
    void everyHtmlPageForbidsScriptFramingAndSniffing() {
        String service = service();
        component(service, "Cart", null);
        UUID incident = openIncident(service, Priority.P2);
        given().header("Authorization", commander()).contentType(ContentType.JSON)
                .body("{\"status\":\"investigating\",\"message\":\"Looking into it.\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);
        var pages = List.of(given().get("/"), given().get("/incidents/" + incident),
                given().get("/incidents/" + UUID.randomUUID()),
                given().header("Authorization", responder()).get("/internal/metrics"));
        for (var response : pages) {
            assertTrue(response.contentType().startsWith("text/html"), response.contentType());
            String csp = response.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("script-src") && !csp.contains("unsafe-inline"), "CSP: " + csp);
            assertEquals("nosniff", response.header("X-Content-Type-Options"));
            assertEquals("no-referrer", response.header("Referrer-Policy"));
            // The CSP allows only the service's own stylesheet: nothing inline may be needed.
            String html = response.asString();
            assertFalse(html.contains("<style") || html.contains("style=\"") || html.contains("<script"), html);
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/status.css\">"), "the page's styles");
        }
        given().get("/status.css").then().statusCode(200).contentType(containsString("text/css"))
                .body(containsString(".banner")).header("X-Content-Type-Options", "nosniff");
        given().get("/api/v1/status").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }
}
