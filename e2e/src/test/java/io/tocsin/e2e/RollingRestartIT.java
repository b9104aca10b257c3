package io.tocsin.e2e;

import io.tocsin.local.demo.Http;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rolling restart under load loses no page: escalation-, notification- and status-service run two processes
 * each, alerts keep coming, and the second processes are stopped the way Kubernetes stops a pod (SIGTERM, then a
 * graceful shutdown) while they consume. Every alert's incident still reaches its responder's mailbox, exactly once.
 *
 * <p>Before 2026-12-01 a stopping service closed its database pool under a batch its consumers were applying, took
 * the failures for bad records, dropped them and committed their offsets: about a quarter of the pages of such a run
 * never went out.
 */
class RollingRestartIT {

    private static final int ALERTS = 400;
    /** Alerts a second: enough that every consumer of the stopping processes is busy when they stop. */
    private static final int RATE = 25;

    private static Stack stack;
    private final Http api = new Http();

    @BeforeAll
    static void start() throws Exception {
        stack = Stack.start(Map.of("TOCSIN_DELIVERY_POLL_INTERVAL", "1s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void stoppingSecondProcessesUnderLoadLosesNoPage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String service = "rolling-" + run;
        String responder = "oncall-" + run;
        String address = responder + "@example.test";
        String key = configure(service, responder, address);

        List<Process> seconds = new ArrayList<>();
        for (String s : List.of("escalation-service", "notification-service", "status-service")) {
            seconds.add(stack.replica(s));
        }

        HttpClient client = HttpClient.newHttpClient();
        String url = stack.url("incident-service") + "/api/v1/integrations/" + key + "/generic";
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < ALERTS; i++) {
            long due = start + TimeUnit.SECONDS.toNanos(1) * i / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            answers.add(send(client, url, alert(service, i), 5));
            if (i == ALERTS / 3) {
                // A third of the way in, while every consumer is busy: stop the second processes.
                seconds.forEach(Process::destroy);
            }
        }
        for (CompletableFuture<Integer> answer : answers) {
            assertEquals(202, answer.get(60, TimeUnit.SECONDS), "every alert is accepted");
        }
        for (Process second : seconds) {
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "a second process stops within a minute of SIGTERM");
        }

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (total(pagesBySummary(address)) < ALERTS && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        // Late duplicates would come within a poll or two of the last page.
        Thread.sleep(3000);
        Map<String, Integer> pages = pagesBySummary(address);
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            int n = pages.getOrDefault(summary(i), 0);
            if (n == 0) {
                missing.add(summary(i));
            } else if (n > 1) {
                twice.add(summary(i));
            }
        }
        assertEquals(List.of(), missing, "alerts whose page never came");
        assertEquals(List.of(), twice, "alerts paged more than once");
    }

    /** A service, a generic integration, and a responder paged by email for every priority (one level, no repeat). */
    private String configure(String service, String responder, String address) throws Exception {
        String admin = stack.token("rolling-admin", "admin");
        api.expect(201, api.post(stack.url("incident-service") + "/api/v1/services", admin,
                "{\"slug\":\"" + service + "\",\"name\":\"Rolling " + service + "\"}"));
        String key = api.expect(201, api.post(stack.url("incident-service") + "/api/v1/integrations", admin,
                "{\"name\":\"Rolling " + service + "\",\"kind\":\"generic\",\"service\":\"" + service
                        + "\",\"rateLimitPerMinute\":100000}")).json().path("key").asText();
        api.expect(201, api.post(stack.url("escalation-service") + "/api/v1/responders", admin,
                "{\"id\":\"" + responder + "\",\"name\":\"On call\",\"email\":\"" + address + "\",\"timeZone\":\"UTC\","
                        + "\"locale\":\"en\",\"contactMethods\":[{\"kind\":\"EMAIL\",\"address\":\"" + address + "\"}]}"));
        String policy = api.expect(201, api.post(stack.url("escalation-service") + "/api/v1/escalation-policies", admin,
                "{\"name\":\"Rolling " + service + "\",\"repeat\":0,\"levels\":[{\"targets\":[{\"type\":\"RESPONDER\","
                        + "\"id\":\"" + responder + "\"}],\"delaySeconds\":3600}]}")).json().path("id").asText();
        com.fasterxml.jackson.databind.node.ObjectNode matrix = api.expect(200,
                api.get(stack.url("escalation-service") + "/api/v1/escalation-matrix", admin)).json().deepCopy();
        for (String priority : new String[] {"P1", "P2", "P3", "P4"}) {
            matrix.withArray("entries").addObject().put("service", service).put("priority", priority)
                    .put("policyId", policy);
        }
        api.expect(200, api.put(stack.url("escalation-service") + "/api/v1/escalation-matrix", admin, matrix.toString()));
        return key;
    }

    private static String summary(int i) {
        return String.format("rolling alert %03d", i);
    }

    private static String alert(String service, int i) {
        return "{\"summary\":\"" + summary(i) + "\",\"severity\":\"critical\",\"dedup_key\":\"rolling-" + i
                + "\",\"service\":\"" + service + "\",\"status\":\"firing\"}";
    }

    /** Sends one alert; a 503 (intake busy) is sent again after its Retry-After, as a monitoring tool would. */
    private static CompletableFuture<Integer> send(HttpClient client, String url, String body, int tries) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose(response -> {
            if (response.statusCode() != 503 || tries <= 1) {
                return CompletableFuture.completedFuture(response.statusCode());
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(seconds, TimeUnit.SECONDS))
                    .thenCompose(ignored -> send(client, url, body, tries - 1));
        });
    }

    /** How many page mails the responder received for each alert summary. */
    private static Map<String, Integer> pagesBySummary(String address) throws Exception {
        Map<String, Integer> bySummary = new TreeMap<>();
        for (MimeMessage message : stack.mail.greenMail().getReceivedMessagesForDomain("example.test")) {
            if (Arrays.stream(message.getAllRecipients()).noneMatch(to -> to.toString().contains(address))) {
                continue;
            }
            String subject = message.getSubject();
            int at = subject.indexOf("rolling alert ");
            if (at >= 0) {
                bySummary.merge(subject.substring(at, at + "rolling alert 000".length()), 1, Integer::sum);
            }
        }
        return bySummary;
    }

    private static int total(Map<String, Integer> pages) {
        return pages.values().stream().mapToInt(Integer::intValue).sum();
    }
}
