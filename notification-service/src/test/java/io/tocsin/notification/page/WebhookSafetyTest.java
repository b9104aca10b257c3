package io.tocsin.notification.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.Priority;
import io.tocsin.events.Topics;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestTokens;
import io.tocsin.notification.delivery.service.WebhookClient;
import io.tocsin.notification.support.NotificationTestResource;
import io.tocsin.notification.support.Pages;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Webhook URLs come from responders' contact methods, so notification-service checks them again right before each
 * send, after DNS: an address outside the allowlist (the tests allow only 127.0.0.1) is never called, whatever the
 * saved URL; a failure tells responders only that delivery failed; and each destination has its own breaker.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class WebhookSafetyTest {

    /** Listens on 127.0.0.2: loopback too, but outside the tests' allowlist (127.0.0.1/32). */
    private static HttpServer internal;
    private static final AtomicInteger INTERNAL_CALLS = new AtomicInteger();
    /** Answers 404 to everything. */
    private static HttpServer missing;
    /** Answers 500 to everything: a broken endpoint. */
    private static HttpServer broken;
    /** Answers 200. */
    private static HttpServer healthy;
    private static final AtomicInteger HEALTHY_CALLS = new AtomicInteger();

    @Inject
    ObjectMapper mapper;
    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeAll
    static void startEndpoints() throws Exception {
        internal = endpoint(InetAddress.getByName("127.0.0.2"), 200, INTERNAL_CALLS);
        missing = endpoint(InetAddress.getLoopbackAddress(), 404, new AtomicInteger());
        broken = endpoint(InetAddress.getLoopbackAddress(), 500, new AtomicInteger());
        healthy = endpoint(InetAddress.getLoopbackAddress(), 200, HEALTHY_CALLS);
    }

    @AfterAll
    static void stopEndpoints() {
        for (HttpServer server : List.of(internal, missing, broken, healthy)) {
            server.stop(0);
        }
    }

    @Test
    void anAddressOutsideTheAllowlistIsNeverCalled() throws Exception {
        for (String url : List.of("http://127.0.0.2:" + internal.getAddress().getPort() + "/admin",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/")) {
            UUID incident = page(url);
            await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                    "select count(*) from delivery where incident_id = ? and state = 'DEAD'", incident) == 1);
            assertEquals(1, TestDatabase.count("select count(*) from delivery where incident_id = ? and last_error = ?",
                    incident, WebhookClient.FAILED), url);
        }
        assertEquals(0, INTERNAL_CALLS.get(), "the internal endpoint was never called");
    }

    @Test
    void respondersSeeOnlyThatDeliveryFailed() throws Exception {
        UUID incident = page("http://127.0.0.1:" + missing.getAddress().getPort() + "/hooks/x");
        var failed = TestKafka.await(Topics.NOTIFICATION_EVENTS,
                r -> r.value().contains("NotificationFailed") && r.value().contains(incident.toString()), 1,
                Duration.ofSeconds(20));
        assertEquals(WebhookClient.FAILED, mapper.readTree(failed.get(0).value()).at("/data/reason").asText(),
                "not the endpoint's 404");
        given().header("Authorization", TestTokens.bearer("rita", "responder")).queryParam("incident", incident.toString())
                .get("/api/v1/deliveries").then().statusCode(200)
                .body("[0].state", equalTo("DEAD")).body("[0].lastError", equalTo(WebhookClient.FAILED));
    }

    @Test
    void aBrokenEndpointOpensOnlyItsOwnBreaker() throws Exception {
        String brokenUrl = "http://127.0.0.1:" + broken.getAddress().getPort() + "/hook";
        String brokenBreaker = WebhookClient.BREAKER_PREFIX + "127.0.0.1:" + broken.getAddress().getPort();
        String healthyBreaker = WebhookClient.BREAKER_PREFIX + "127.0.0.1:" + healthy.getAddress().getPort();
        // Each delivery attempt is three calls (two in-process retries); the breaker opens after four failures.
        page(brokenUrl);
        page(brokenUrl);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> breakers.currentState(brokenBreaker) == CircuitBreakerState.OPEN);

        // Its breaker stays open for 30 s; meanwhile another endpoint's page goes out at once.
        UUID incident = page("http://127.0.0.1:" + healthy.getAddress().getPort() + "/hook");
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "select count(*) from delivery where incident_id = ? and state = 'SENT'", incident) == 1);
        assertEquals(1, HEALTHY_CALLS.get());
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(healthyBreaker));
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(brokenBreaker));
    }

    private UUID page(String url) throws Exception {
        UUID incident = UUID.randomUUID();
        NotificationRequested email = Pages.page("unused@example.test", "en", Priority.P1, "checkout-api",
                "error rate 45%", Duration.ofMinutes(15), 1);
        Pages.publish(mapper, Envelope.of(new NotificationRequested(email.recipient(),
                new ContactMethod(ContactMethod.Kind.WEBHOOK, url, ContactMethod.Format.GENERIC), email.service(),
                email.priority(), email.summary(), email.respondBy(), email.links(), email.step(), email.loop(),
                email.reason()), incident, Instant.now()));
        return incident;
    }

    private static HttpServer endpoint(InetAddress address, int status, AtomicInteger calls) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
