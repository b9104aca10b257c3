package io.tocsin.status.page;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything people type that the public reads: component names and groups, public update titles and messages,
 * maintenance titles and descriptions. Markup in any of them reaches the status page, the public incident page and
 * the Atom feed as text (escaped), never as markup: asserted on the raw bytes, as a browser or feed reader gets them.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class EscapingTest {

    @Test
    void markupInEveryFieldPeopleTypeIsEscapedOnEveryPublicPage() {
        String service = PublicPageTest.service();
        given().header("Authorization", PublicPageTest.admin()).contentType(ContentType.JSON)
                .body(Map.of("service", service, "name", script("component"), "group", attribute("group")))
                .post("/api/v1/components").then().statusCode(201);
        UUID incident = PublicPageTest.openIncident(service, Priority.P2);
        given().header("Authorization", PublicPageTest.commander()).contentType(ContentType.JSON)
                .body(Map.of("status", "identified", "title", attribute("title"), "message", script("message")))
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        given().header("Authorization", PublicPageTest.commander()).contentType(ContentType.JSON)
                .body(Map.of("title", script("maintenance"), "description", attribute("description"),
                        "services", List.of(service), "startsAt", start.toString(),
                        "endsAt", start.plus(1, ChronoUnit.HOURS).toString()))
                .post("/api/v1/maintenances").then().statusCode(201);

        String statusPage = given().get("/").then().statusCode(200).extract().asString();
        assertEscaped(statusPage, "status page", "component", "group", "title", "message", "maintenance", "description");
        String incidentPage = given().get("/incidents/" + incident).then().statusCode(200).extract().asString();
        assertEscaped(incidentPage, "incident page", "title", "message");
        String feed = given().get("/history.atom").then().statusCode(200).extract().asString();
        assertEscaped(feed, "Atom feed", "title", "message", "maintenance", "description");
    }

    /** A script element, as someone would type it into a name. */
    private static String script(String field) {
        return "<script>alert('" + field + "')</script>";
    }

    /** Breaking out of an attribute into an element with an event handler. */
    private static String attribute(String field) {
        return "\"><img src=x onerror=alert('" + field + "')>";
    }

    /** No live markup in the raw body, yet each field's text is there once entities are decoded: shown, not run. */
    private static void assertEscaped(String body, String where, String... fields) {
        assertFalse(body.contains("<script>alert("), where + " carries a live script element");
        assertFalse(body.contains("<img src=x"), where + " carries a live img element");
        String text = body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#34;", "\"")
                .replace("&#39;", "'").replace("&apos;", "'").replace("&amp;", "&");
        for (String field : fields) {
            assertTrue(text.contains(script(field)) || text.contains(attribute(field)),
                    where + " shows the " + field + " as text:\n" + body);
        }
    }
}
