package io.tocsin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tocsin.local.demo.Http;

import java.util.UUID;

/**
 * What every benchmark run configures through the admin APIs, under fresh names: a service, an integration (generic,
 * or alertmanager) at the highest rate limit the API allows (100,000 a minute; BENCH_RATE_LIMIT_PER_MINUTE for less), one responder paged by webhook (the sink) and optionally by email, a
 * one-level policy whose next step is an hour away (so only first pages are measured), and matrix rows for P1–P4.
 */
record BenchSetup(String service, String integrationKey, String responderEmail) {

    static BenchSetup create(RunningStack stack, Http http, String sinkUrl, boolean email) throws Exception {
        return create(stack, http, sinkUrl, email, "generic");
    }

    static BenchSetup create(RunningStack stack, Http http, String sinkUrl, boolean email, String kind)
            throws Exception {
        // Every run measures pages: none should start while the webhook breaker holds them back.
        WebhookBreaker.awaitClosed(stack, http, 90);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String admin = stack.token("bench-admin", "admin");
        String service = "bench-" + run;
        String responder = "bench-oncall-" + run;
        String address = responder + "@example.test";

        http.expect(201, http.post(stack.incidentUrl() + "/api/v1/services", admin,
                "{\"slug\":\"" + service + "\",\"name\":\"Bench " + run + "\"}"));
        JsonNode integration = http.expect(201, http.post(stack.incidentUrl() + "/api/v1/integrations", admin,
                "{\"name\":\"Bench " + run + "\",\"kind\":\"" + kind + "\",\"service\":\"" + service
                        + "\",\"rateLimitPerMinute\":" + rateLimitPerMinute() + "}")).json();

        String contacts = "{\"kind\":\"WEBHOOK\",\"address\":\"" + sinkUrl + "\",\"format\":\"GENERIC\"}"
                + (email ? ",{\"kind\":\"EMAIL\",\"address\":\"" + address + "\"}" : "");
        http.expect(201, http.post(stack.escalationUrl() + "/api/v1/responders", admin,
                "{\"id\":\"" + responder + "\",\"name\":\"Bench on-call\",\"email\":\"" + address + "\","
                        + "\"timeZone\":\"UTC\",\"locale\":\"en\",\"contactMethods\":[" + contacts + "]}"));
        String policy = http.expect(201, http.post(stack.escalationUrl() + "/api/v1/escalation-policies", admin,
                "{\"name\":\"Bench " + run + "\",\"repeat\":0,\"levels\":[{\"targets\":[{\"type\":\"RESPONDER\",\"id\":\""
                        + responder + "\"}],\"delaySeconds\":3600}]}")).json().path("id").asText();

        // Added to the matrix, not replacing it: the stack may have entries of its own.
        ObjectNode matrix = http.expect(200, http.get(stack.escalationUrl() + "/api/v1/escalation-matrix", admin))
                .json().deepCopy();
        ArrayNode entries = matrix.withArray("entries");
        for (String priority : new String[] {"P1", "P2", "P3", "P4"}) {
            entries.addObject().put("service", service).put("priority", priority).put("policyId", policy);
        }
        http.expect(200, http.put(stack.escalationUrl() + "/api/v1/escalation-matrix", admin, matrix.toString()));
        return new BenchSetup(service, integration.path("key").asText(), address);
    }

    /**
     * The integration's rate limit: the most the API allows, so that intake is measured and not the limit, unless
     * BENCH_RATE_LIMIT_PER_MINUTE asks for less (to see how the per-key limit answers an overload).
     */
    static int rateLimitPerMinute() {
        String configured = System.getenv("BENCH_RATE_LIMIT_PER_MINUTE");
        return configured == null || configured.isBlank() ? 100_000 : Integer.parseInt(configured.trim());
    }

    String alertUrl(RunningStack stack) {
        return stack.incidentUrl() + "/api/v1/integrations/" + integrationKey + "/generic";
    }

    String alertmanagerUrl(RunningStack stack) {
        return stack.incidentUrl() + "/api/v1/integrations/" + integrationKey + "/alertmanager";
    }

    String alert(String dedupKey, String status) {
        return "{\"summary\":\"bench: checkout error rate 45%\",\"severity\":\"critical\",\"dedup_key\":\"" + dedupKey
                + "\",\"service\":\"" + service + "\",\"status\":\"" + status + "\"}";
    }
}
