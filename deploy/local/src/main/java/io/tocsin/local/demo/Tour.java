package io.tocsin.local.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alert through the whole product, through public APIs only, printing each step, its time and what it
 * observed: the story of `tocsin demo` and of the end-to-end test. Every run uses fresh names, so it can run again
 * and again against the same stack.
 *
 * <p>Configure → Alertmanager fires a critical alert → P1 incident → page to the on-call responder → nobody
 * answers → the next level is paged → stakeholders are told → the responder acknowledges with the one-tap link from
 * the email → no further pages → Alertmanager resolves → stakeholders get the resolved mail → a postmortem with a
 * prefilled timeline → the status page showed the outage and is operational again → the metrics count the P1.
 */
public final class Tour {

    /** Where the stack is, and how to get a token for a user with roles. */
    public record Target(String incidentUrl, String escalationUrl, String notificationUrl, String statusUrl,
                         int imapPort, BiFunction<String, String[], String> tokens) {
    }

    /** One step: what it was, how long it took, what it saw. */
    public record Step(String name, Duration took, String observed) {
    }

    private static final Pattern ACKNOWLEDGE_LINK = Pattern.compile("Acknowledge:\\s+(\\S+)");

    private final Target target;
    private final Duration levelDelay;
    private final PrintStream out;
    private final Http http = new Http();
    private final List<Step> steps = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private Instant started;
    private Duration pageLatency;

    /**
     * @param levelDelay how long the first escalation level waits for an acknowledgement (short, for a demo)
     */
    public Tour(Target target, Duration levelDelay, PrintStream out) {
        this.target = target;
        this.levelDelay = levelDelay;
        this.out = out;
    }

    public List<Step> steps() {
        return steps;
    }

    /** From the webhook's 202 to the page in the on-call responder's mailbox (as seen by polling IMAP). */
    public Duration pageLatency() {
        return pageLatency;
    }

    /** Runs the story; throws an AssertionError naming the step that did not happen. */
    public List<Step> run() throws Exception {
        started = Instant.now();
        String admin = token("demo-admin", "admin");
        String commander = token("demo-commander", "incident-commander");
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        String aliceMail = alice + "@example.test";
        String bobMail = bob + "@example.test";
        String stakeholderMail = "exec-" + run + "@example.test";
        // A service of its own per run: incidents left open on a long-lived stack cannot blur the story.
        String service = "checkout-" + run;

        JsonNode integration = step("Configure an Alertmanager integration, the service and its status page component", () -> {
            http.post(target.incidentUrl() + "/api/v1/services", admin,
                    "{\"slug\":\"" + service + "\",\"name\":\"Checkout " + run + "\"}");
            http.post(target.statusUrl() + "/api/v1/components", admin,
                    "{\"service\":\"" + service + "\",\"name\":\"Checkout " + run + "\"}");
            JsonNode created = http.expect(201, http.post(target.incidentUrl() + "/api/v1/integrations", admin,
                    "{\"name\":\"Prometheus " + run + "\",\"kind\":\"alertmanager\",\"service\":\"" + service + "\"}")).json();
            return new Result<>(created, "integration key " + created.path("key").asText().substring(0, 8) + "…");
        });
        String key = integration.path("key").asText();

        step("Send the integration's test alert, as an admin does after setting one up", () -> {
            String test = field(http.expect(202, http.post(target.incidentUrl() + "/api/v1/integrations/"
                    + integration.path("integration").path("id").asText() + "/test", admin, null)), "incidentId");
            Http.await("escalation-service to hear of the test alert", Duration.ofSeconds(30),
                    () -> http.get(target.escalationUrl() + "/api/v1/escalations/" + test, admin),
                    answer -> answer.status() == 200);
            return new Result<>(null, "P4 test incident seen by escalation-service");
        });

        step("Configure responders, an on-call schedule, a two-level policy and the escalation matrix", () -> {
            for (String[] person : new String[][] {{alice, "Alice", aliceMail}, {bob, "Bob", bobMail}}) {
                http.expect(201, http.post(target.escalationUrl() + "/api/v1/responders", admin,
                        "{\"id\":\"" + person[0] + "\",\"name\":\"" + person[1] + "\",\"email\":\"" + person[2] + "\","
                                + "\"timeZone\":\"Europe/Berlin\",\"locale\":\"en\","
                                + "\"contactMethods\":[{\"kind\":\"EMAIL\",\"address\":\"" + person[2] + "\"}]}"));
            }
            String schedule = field(http.expect(201, http.post(target.escalationUrl() + "/api/v1/schedules", admin,
                    "{\"name\":\"Checkout primary " + run + "\",\"timeZone\":\"Europe/Berlin\",\"layers\":[{\"rotation\":"
                            + "{\"type\":\"WEEKLY\",\"length\":1,\"start\":\"2026-01-05T09:00:00\",\"participants\":[\""
                            + alice + "\"]}}]}")), "id");
            String policy = field(http.expect(201, http.post(target.escalationUrl() + "/api/v1/escalation-policies", admin,
                    "{\"name\":\"Checkout P1 " + run + "\",\"repeat\":1,\"levels\":["
                            + "{\"targets\":[{\"type\":\"SCHEDULE\",\"id\":\"" + schedule + "\"}],\"delaySeconds\":"
                            + levelDelay.toSeconds() + "},"
                            + "{\"targets\":[{\"type\":\"RESPONDER\",\"id\":\"" + bob + "\"}],\"delaySeconds\":"
                            + levelDelay.toSeconds() + "}]}")), "id");
            // Add to the matrix rather than replace it: the stack may have its own entries.
            JsonNode matrix = http.expect(200, http.get(target.escalationUrl() + "/api/v1/escalation-matrix", admin)).json();
            com.fasterxml.jackson.databind.node.ObjectNode updated = matrix.deepCopy();
            updated.withArray("entries").addObject().put("service", service).put("priority", "P1").put("policyId", policy);
            http.expect(200, http.put(target.escalationUrl() + "/api/v1/escalation-matrix", admin, updated.toString()));
            return new Result<>(policy, "alice on call; level 1 waits " + levelDelay.toSeconds() + " s, then bob");
        });

        step("Configure a stakeholder group subscribed to the service", () -> {
            String group = field(http.expect(201, http.post(target.notificationUrl() + "/api/v1/stakeholder-groups", admin,
                    "{\"name\":\"executives-" + run + "\"}")), "id");
            http.expect(201, http.post(target.notificationUrl() + "/api/v1/stakeholder-groups/" + group + "/members", admin,
                    "{\"name\":\"Erin\",\"email\":\"" + stakeholderMail + "\",\"locale\":\"en\"}"));
            http.expect(201, http.post(target.notificationUrl() + "/api/v1/subscriptions", admin,
                    "{\"groupId\":\"" + group + "\",\"service\":\"" + service + "\",\"minPriority\":\"P2\"}"));
            return new Result<>(group, stakeholderMail + " will hear about P1 and P2 incidents");
        });

        String groupKey = "{}:{alertname=\"CheckoutErrorRate\",service=\"" + service + "\"}";
        Instant fired = Instant.now();
        String incident = step("Alertmanager fires a critical alert", () -> {
            Http.Answer answer = http.expect(202, http.post(target.incidentUrl() + "/api/v1/integrations/" + key
                    + "/alertmanager", null, alertmanager(groupKey, service, "firing")));
            return new Result<>(field(answer, "incidentId"), "202 " + answer.text());
        });
        Instant accepted = Instant.now();

        step("The incident is P1 with a 15-minute response target", () -> {
            JsonNode view = http.expect(200, http.get(target.incidentUrl() + "/api/v1/incidents/" + incident,
                    token(alice, "responder"))).json();
            check("P1".equals(view.path("priority").asText()), "priority is " + view.path("priority").asText());
            return new Result<>(null, view.path("priority").asText() + ", " + view.path("status").asText()
                    + ", respond by " + view.path("respondBy").asText());
        });

        step("The page email reaches the on-call responder", () -> {
            Mailbox.Mail page = awaitMail(aliceMail, m -> m.subject().startsWith("[P1]"), Duration.ofSeconds(30));
            pageLatency = Duration.between(accepted, Instant.now());
            return new Result<>(page, "\"" + page.subject() + "\" within " + pageLatency.toMillis() + " ms of the 202");
        });

        step("The status page shows the outage", () -> {
            String status = Http.await(service + " to be shown as an outage", Duration.ofSeconds(30),
                    () -> componentStatus(service), s -> s != null && !"operational".equalsIgnoreCase(s));
            return new Result<>(null, "Checkout " + run + ": " + status);
        });

        step("Nobody acknowledges: after the level delay the next level is paged", () -> {
            Mailbox.Mail page = awaitMail(bobMail, m -> m.subject().startsWith("[P1]"),
                    levelDelay.plusSeconds(30));
            return new Result<>(null, "bob paged " + Duration.between(fired, Instant.now()).toSeconds()
                    + " s after the alert: \"" + page.subject() + "\"");
        });

        step("Stakeholders are told", () -> {
            Mailbox.Mail update = awaitMail(stakeholderMail, m -> true, Duration.ofSeconds(30));
            return new Result<>(null, "\"" + update.subject() + "\"");
        });

        step("The responder acknowledges with the one-tap link in the page email", () -> {
            Mailbox.Mail page = Mailbox.inbox(target.imapPort(), aliceMail).get(0);
            Matcher link = ACKNOWLEDGE_LINK.matcher(page.body());
            check(link.find(), "the page email has an Acknowledge link");
            String url = link.group(1);
            Http.Answer confirm = http.expect(200, http.get(url, null));
            check(confirm.text().toLowerCase(Locale.ROOT).contains("acknowledge"), "the confirm page offers to acknowledge");
            Http.Answer done = http.postForm(url, "");
            check(done.status() == 200, "confirming answered " + done.status() + ": " + done.text());
            JsonNode view = http.get(target.incidentUrl() + "/api/v1/incidents/" + incident, token(alice, "responder")).json();
            check("ACKNOWLEDGED".equals(view.path("status").asText()), "incident is " + view.path("status").asText());
            check(alice.equals(view.path("assignee").path("id").asText()), "assignee is " + view.path("assignee"));
            return new Result<>(null, "incident ACKNOWLEDGED, assigned to " + view.path("assignee").path("name").asText());
        });

        step("No further pages", () -> {
            int alicePages = pages(aliceMail);
            int bobPages = pages(bobMail);
            // Long enough for the policy's repeat to have paged again, had the acknowledgement not stopped it.
            Thread.sleep(levelDelay.multipliedBy(2).plusSeconds(3).toMillis());
            check(pages(aliceMail) == alicePages && pages(bobMail) == bobPages, "a page arrived after the acknowledgement");
            return new Result<>(null, "alice " + alicePages + " page, bob " + bobPages + " page, nothing since");
        });

        step("Alertmanager resolves the alert; the incident resolves", () -> {
            http.expect(202, http.post(target.incidentUrl() + "/api/v1/integrations/" + key + "/alertmanager", null,
                    alertmanager(groupKey, service, "resolved")));
            JsonNode view = http.get(target.incidentUrl() + "/api/v1/incidents/" + incident, token(alice, "responder")).json();
            check("RESOLVED".equals(view.path("status").asText()), "incident is " + view.path("status").asText());
            return new Result<>(null, "RESOLVED at " + view.path("resolvedAt").asText());
        });

        step("Stakeholders get the resolved mail", () -> {
            Mailbox.Mail resolved = awaitMail(stakeholderMail,
                    m -> m.subject().toLowerCase(Locale.ROOT).contains("resolved"), Duration.ofSeconds(30));
            return new Result<>(null, "\"" + resolved.subject() + "\"");
        });

        step("A postmortem exists with the timeline prefilled", () -> {
            JsonNode postmortem = Http.await("a postmortem for the incident", Duration.ofSeconds(30), () -> {
                JsonNode list = http.get(target.statusUrl() + "/api/v1/postmortems?incidentId=" + incident, commander).json();
                for (JsonNode item : list == null ? List.<JsonNode>of() : iterable(list)) {
                    if (incident.equals(item.path("incidentId").asText())) {
                        return http.get(target.statusUrl() + "/api/v1/postmortems/" + item.path("id").asText(), commander).json();
                    }
                }
                return null;
            }, p -> !p.path("sections").path("timeline").asText("").isBlank());
            String timeline = postmortem.path("sections").path("timeline").asText();
            return new Result<>(null, postmortem.path("status").asText() + ", timeline of "
                    + timeline.lines().count() + " lines");
        });

        step("The status page is operational again", () -> {
            String status = Http.await(service + " to be operational", Duration.ofSeconds(30),
                    () -> componentStatus(service), "operational"::equalsIgnoreCase);
            return new Result<>(null, "Checkout: " + status);
        });

        step("The metrics count the P1 with its time to acknowledge", () -> {
            JsonNode p1 = Http.await("the P1 in the response metrics", Duration.ofSeconds(30), () -> {
                JsonNode metrics = http.get(target.statusUrl() + "/api/v1/metrics/response", commander).json();
                for (JsonNode row : iterable(metrics.path("priorities"))) {
                    if ("P1".equals(row.path("priority").asText())) {
                        return row;
                    }
                }
                return null;
            }, row -> row.path("acknowledged").asInt() >= 1 && row.path("mttaMedianSeconds").isNumber());
            return new Result<>(null, p1.path("incidents").asInt() + " P1, MTTA median "
                    + p1.path("mttaMedianSeconds").asDouble() + " s, acknowledged within target "
                    + p1.path("acknowledgedWithinTarget").asInt());
        });

        out.printf("%nThe whole story took %d s.%n", Duration.between(started, Instant.now()).toSeconds());
        return steps;
    }

    private String componentStatus(String service) throws Exception {
        JsonNode status = http.get(target.statusUrl() + "/api/v1/status", null).json();
        for (JsonNode component : iterable(status.path("components"))) {
            if (("Checkout " + run).equals(component.path("name").asText())) {
                return component.path("status").asText();
            }
        }
        return null;
    }

    private int pages(String address) {
        return (int) Mailbox.inbox(target.imapPort(), address).stream().filter(m -> m.subject().startsWith("[P1]")).count();
    }

    private Mailbox.Mail awaitMail(String address, java.util.function.Predicate<Mailbox.Mail> which, Duration timeout)
            throws Exception {
        List<Mailbox.Mail> found = Http.await("mail to " + address, timeout,
                () -> Mailbox.inbox(target.imapPort(), address).stream().filter(which).toList(), list -> !list.isEmpty());
        return found.get(0);
    }

    private String alertmanager(String groupKey, String service, String status) {
        String endsAt = "firing".equals(status) ? "0001-01-01T00:00:00Z" : Instant.now().toString();
        return "{\"version\":\"4\",\"groupKey\":" + quote(groupKey) + ",\"truncatedAlerts\":0,\"status\":\"" + status + "\","
                + "\"receiver\":\"tocsin\",\"groupLabels\":{\"alertname\":\"CheckoutErrorRate\"},"
                + "\"commonLabels\":{\"alertname\":\"CheckoutErrorRate\",\"service\":\"" + service + "\",\"severity\":\"critical\"},"
                + "\"commonAnnotations\":{\"summary\":\"error rate 45%\","
                + "\"runbook_url\":\"https://runbooks.example.test/checkout-errors\"},"
                + "\"externalURL\":\"http://alertmanager.example.test:9093\",\"alerts\":[{\"status\":\"" + status + "\","
                + "\"labels\":{\"alertname\":\"CheckoutErrorRate\",\"service\":\"" + service + "\",\"severity\":\"critical\","
                + "\"instance\":\"checkout-1\"},\"annotations\":{\"summary\":\"error rate 45%\"},"
                + "\"startsAt\":\"" + started + "\",\"endsAt\":\"" + endsAt + "\","
                + "\"generatorURL\":\"http://prometheus.example.test:9090/graph\",\"fingerprint\":\"" + run + "\"}]}";
    }

    private String token(String user, String... roles) {
        return target.tokens().apply(user, roles);
    }

    private record Result<T>(T value, String observed) {
    }

    private interface Action<T> {
        Result<T> run() throws Exception;
    }

    private <T> T step(String name, Action<T> action) throws Exception {
        Instant begin = Instant.now();
        out.printf("%2d. %s%n", steps.size() + 1, name);
        Result<T> result = action.run();
        Duration took = Duration.between(begin, Instant.now());
        steps.add(new Step(name, took, result.observed()));
        out.printf("    ✓ %s  (%d ms, +%.1f s)%n", result.observed(), took.toMillis(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return result.value();
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("Not as expected: " + what);
        }
    }

    private static String field(Http.Answer answer, String name) {
        JsonNode value = answer.json() == null ? null : answer.json().get(name);
        if (value == null) {
            throw new AssertionError("No " + name + " in " + answer.text());
        }
        return value.asText();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node == null || !node.isArray()) {
            JsonNode items = node == null ? null : node.get("items");
            return items != null && items.isArray() ? items : List.of();
        }
        return node;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
