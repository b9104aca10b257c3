package io.tocsin.notification.stakeholder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.Actor;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Envelope;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Priority;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.Chromium;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.notification.support.Bursts;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stakeholder mails as a phone shows them: the HTML part of mails really delivered (read back over IMAP), opened in
 * Debian's headless Chromium at 390 px. Nothing may be wider than the screen (no sideways scrolling to read who leads
 * or to reach the link), and the screenshots are kept under target/screenshots. Skipped, loudly, without Chromium;
 * failed instead where {@code TOCSIN_REQUIRE_CHROMIUM} or {@code CI} is set.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class StakeholderMailBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int PHONE = 390;

    private static final Actor INTEGRATION = new Actor(Actor.Kind.INTEGRATION, "am", "Alertmanager", null);
    private static final Actor CAROL = new Actor(Actor.Kind.USER, "carol-id",
            "Carol Constance Commander-Featherstonehaugh", null);

    @Inject
    ObjectMapper mapper;

    @Test
    void anUpdateAndADigestFitAPhone() throws Exception {
        Path chromium = chromium();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String checkout = "checkout-" + suffix;
        String search = "search-" + suffix;
        // Long words everywhere a reader's eye goes: the component, the summary, the lead, a URL in the update.
        component(checkout, "Checkout, payments and order confirmation for all storefronts");
        component(search, "Product search and recommendations");
        String fiona = Pages.mailbox("fiona");
        String group = StakeholderUpdatesTest.admin().body(Map.of("name", "phones-" + suffix))
                .post("/api/v1/stakeholder-groups").then().statusCode(201).extract().path("id");
        StakeholderUpdatesTest.admin().body(Map.of("name", "Fiona", "email", fiona, "language", "de",
                        "timeZone", "Europe/Berlin"))
                .post("/api/v1/stakeholder-groups/" + group + "/members").then().statusCode(201);
        for (String service : List.of(checkout, search)) {
            StakeholderUpdatesTest.admin().body(Map.of("groupId", group, "service", service, "minPriority", "P2"))
                    .post("/api/v1/subscriptions").then().statusCode(201);
        }

        Instant now = Instant.now();
        UUID incident = UUID.randomUUID();
        publish(Envelope.of(new IncidentTriggered(checkout, Priority.P1, "critical",
                "Zahlungsabwicklungsschnittstellenfehler: Bestellbestätigungen bleiben aus", "prometheus", "c",
                now.plusSeconds(900), List.of(), INTEGRATION), incident, now), Topics.INCIDENT_EVENTS);
        publish(Envelope.of(new IncidentTriggered(search, Priority.P2, "error", "Suche antwortet langsam",
                "prometheus", "s", now.plusSeconds(1800), List.of(), INTEGRATION), UUID.randomUUID(),
                now.plusSeconds(1)), Topics.INCIDENT_EVENTS);
        Bursts.windowPasses(fiona, 2);
        TestMail.Mail digest = StakeholderUpdatesTest.awaitMail(fiona, 1).get(0);
        // Then the commander tells the public what is being done: a mail of its own.
        publish(Envelope.of(new IncidentRoleChanged(checkout, Priority.P1, "checkout", null, IncidentRole.COMMANDER,
                IncidentRoleChanged.Change.ASSIGNED, CAROL, null, null, null, CAROL), incident, now.plusSeconds(30)),
                Topics.INCIDENT_EVENTS);
        StakeholderUpdatesTest.awaitLeads(incident, CAROL.name(), "");
        publish(Envelope.of(new PublicUpdatePosted("u1", List.of(checkout), "identified",
                "Der Zahlungsdienstleister lehnt unser Zertifikat ab; Details unter "
                        + "https://status.example.test/a/very/long/url/without/any/break/points/at/all/in/it/whatsoever",
                CAROL), incident, now.plusSeconds(60)), Topics.STATUS_EVENTS);
        TestMail.Mail update = StakeholderUpdatesTest.awaitMail(fiona, 2).get(1);
        assertTrue(digest.subject().startsWith("[Tocsin] 2 neue Vorfälle"), digest.subject());
        assertTrue(update.subject().endsWith("(Neuer Stand)"), update.subject());

        try (Chromium browser = new Chromium(chromium)) {
            fits(browser, update, "stakeholder-update-de", "Carol Constance Commander-Featherstonehaugh",
                    "Zur Seite des Vorfalls");
            fits(browser, digest, "stakeholder-digest-de", "Product search and recommendations", "Zur Statusseite");
        }
    }

    /**
     * Opens the mail's HTML part at 390 px: the page is no wider than the screen, {@code text} is shown, and the
     * {@code link} a reader taps lies fully on the screen.
     */
    private static void fits(Chromium browser, TestMail.Mail mail, String name, String text, String link)
            throws Exception {
        Path html = SCREENSHOTS.resolve(name + ".html").toAbsolutePath();
        Files.createDirectories(html.getParent());
        Files.writeString(html, htmlPart(mail), StandardCharsets.UTF_8);
        browser.open(html.toUri().toString(), PHONE, 800);
        Chromium.Layout layout = browser.layout();
        Path png = SCREENSHOTS.resolve(name + "-" + PHONE + ".png");
        browser.screenshot(png, PHONE);
        System.out.printf("%s at %d px: inner %d, scroll %d, screenshot %s%n", name, PHONE, layout.innerWidth(),
                layout.scrollWidth(), png.toAbsolutePath());
        // Checked first: a phone shows a page wider than its screen zoomed out (the viewport grows to the content).
        assertTrue(layout.scrollWidth() <= PHONE,
                name + ": no horizontal scroll at " + PHONE + " px, but the content is " + layout.scrollWidth() + " px wide");
        assertEquals(PHONE, layout.innerWidth(), "the viewport really is " + PHONE + " px wide");
        assertEquals(PHONE, pngWidth(png), "the screenshot is as wide as the viewport");
        assertTrue(browser.evaluate("document.body.innerText.includes(" + mapperString(text) + ")").asBoolean(),
                name + " shows " + text);
        double right = browser.evaluate("(() => { const a = [...document.querySelectorAll('a')].find(e => "
                + "e.textContent.trim() === " + mapperString(link) + "); return a ? a.getBoundingClientRect().right "
                + ": -1; })()").asDouble();
        assertTrue(right > 0 && right <= PHONE, name + ": the link \"" + link + "\" is on the screen (right edge "
                + right + " px)");
    }

    /** The HTML alternative of a delivered mail (its text part comes first in what IMAP returns). */
    private static String htmlPart(TestMail.Mail mail) {
        int start = mail.body().indexOf("<!DOCTYPE html>");
        int end = mail.body().lastIndexOf("</html>");
        assertTrue(start >= 0 && end > start, "the mail has an HTML part:\n" + mail.body());
        return mail.body().substring(start, end + "</html>".length());
    }

    private static String mapperString(String value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }

    private static Path chromium() {
        Path chromium = Chromium.binary();
        if (chromium == null) {
            String message = "StakeholderMailBrowserTest needs Chromium (apt-get install --no-install-recommends "
                    + "chromium, or set TOCSIN_CHROMIUM): stakeholder mails were NOT checked in a real browser.";
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
        return chromium;
    }

    private void component(String service, String name) throws Exception {
        publish(Envelope.of(new ComponentChanged(UUID.randomUUID().toString(), service, name, null, false), null,
                Instant.now()), Topics.STATUS_EVENTS);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from status_component where service = ?", service) == 1);
    }

    private void publish(Envelope<?> event, String topic) throws Exception {
        String json = mapper.writeValueAsString(event);
        EventSchemaAssert.assertMatchesSchema(json);
        TestKafka.send(topic, event.incidentId() == null ? null : event.incidentId().toString(), json);
    }

    private static int pngWidth(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            data.skipBytes(16); // signature, IHDR length and type
            return data.readInt();
        }
    }
}
