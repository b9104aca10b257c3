package io.tocsin.status.page;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.events.Priority;
import io.tocsin.local.testing.Chromium;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page in a real browser (Debian's headless Chromium) at 360 px and 1280 px: no horizontal scroll on a
 * phone, and screenshots kept under target/screenshots as build artifacts. Skipped, loudly, without Chromium;
 * failed instead where {@code TOCSIN_REQUIRE_CHROMIUM} or {@code CI} is set (.ci/run).
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
class BrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL root;

    @Test
    void thePageFitsAPhoneAndADesktop() throws Exception {
        Path chromium = Chromium.binary();
        if (chromium == null) {
            String message = "BrowserTest needs Chromium (apt-get install --no-install-recommends chromium, or set "
                    + "TOCSIN_CHROMIUM): the status page was NOT checked in a real browser.";
            if (Chromium.required()) {
                throw new AssertionError(message + " (required here: TOCSIN_REQUIRE_CHROMIUM or CI is set)");
            }
            System.err.println("""

                    ************************************************************************************
                    * SKIPPED: %s
                    ************************************************************************************
                    """.formatted(message));
            Assumptions.abort(message);
        }
        seed();
        try (Chromium browser = new Chromium(chromium)) {
            for (int width : new int[]{360, 1280}) {
                long started = System.nanoTime();
                browser.open(root.toString(), width, 800);
                Chromium.Layout layout = browser.layout();
                Path file = SCREENSHOTS.resolve("status-" + width + ".png");
                browser.screenshot(file, width);
                System.out.printf("Status page at %d px: inner %d, scroll %d, screenshot %s (%d ms)%n", width,
                        layout.innerWidth(), layout.scrollWidth(), file.toAbsolutePath(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertEquals(width, layout.innerWidth(), "the viewport really is " + width + " px wide");
                assertEquals(width, pngWidth(file), "the screenshot is as wide as the viewport");
                // The page's Content-Security-Policy lets its stylesheet through (and nothing inline).
                assertEquals("rgb(244, 246, 248)", browser.evaluate(
                        "getComputedStyle(document.body).backgroundColor").asText(), "the stylesheet applies");
                if (width == 360) {
                    assertTrue(layout.scrollWidth() <= layout.innerWidth(),
                            "no horizontal scroll at 360 px: content is " + layout.scrollWidth() + " px wide");
                }
            }
        }
    }

    /** Something on every part of the page: a long component name, an incident with an update, maintenance. */
    private static void seed() {
        String service = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        PublicPageTest.component(service, "Checkout and payment processing for all storefronts", "Commerce");
        UUID incident = PublicPageTest.openIncident(service, Priority.P2);
        given().header("Authorization", PublicPageTest.communications()).contentType(ContentType.JSON)
                .body("{\"status\":\"monitoring\",\"title\":\"Payments are slower than usual in some regions\","
                        + "\"message\":\"A fix is deployed; we are watching https://example.test/a/very/long/url/without/any/break/points/at/all/in/it\"}")
                .post("/api/v1/incidents/" + incident + "/public-updates").then().statusCode(201);
        Instant start = Instant.now().plus(Duration.ofDays(2));
        given().header("Authorization", PublicPageTest.commander()).contentType(ContentType.JSON)
                .body("{\"title\":\"Database upgrade\",\"description\":\"Short read-only period.\",\"services\":[\""
                        + service + "\"],\"startsAt\":\"" + start + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}")
                .post("/api/v1/maintenances").then().statusCode(201);
    }

    private static int pngWidth(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = new byte[8];
            data.readFully(signature);
            assertEquals((byte) 0x89, signature[0]);
            assertEquals('P', signature[1]);
            data.readInt();
            data.readInt(); // IHDR length and type
            return data.readInt();
        }
    }
}
