package io.tocsin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class WorkloadTest {

    private final BenchSetup setup = new BenchSetup("bench-svc", "tk_key", "oncall@example.test");

    @Test
    void oneHundredKeysInTurnAndOneResolveForEach() {
        Workload w = new Workload("100-keys", setup, "http://127.0.0.1:1/generic");
        assertEquals(w.key(3), w.key(103));
        assertNotEquals(w.key(3), w.key(4));
        assertSame(w.firing(3), w.firing(203), "a repeated alert is built once");

        LoadResult r = new LoadResult(new Schedule(100, 3), 0);
        for (int i = 0; i < 150; i++) {
            r.sent(i, 0);
            r.answered(i, 0, 1, new OpenLoop.Answer(i < 120 ? 202 : 503, null, "incident-" + (i % 100)), null);
        }
        assertEquals(100, w.keys(r, s -> s == 202).size(), "100 incidents to expect");
        assertEquals(100, w.resolves(r).size(), "one resolve per key sent, not per request");
    }

    @Test
    void newIncidentsHaveAKeyEach() {
        Workload w = new Workload("incidents", setup, "http://127.0.0.1:1/generic");
        LoadResult r = new LoadResult(new Schedule(10, 1), 0);
        for (int i = 0; i < 7; i++) {
            r.sent(i, 0);
            r.answered(i, 0, 1, new OpenLoop.Answer(i % 2 == 0 ? 202 : 429, "1", i % 2 == 0 ? "inc" + i : null), null);
        }
        assertEquals(4, w.keys(r, s -> s == 202).size());
        assertEquals(7, w.resolves(r).size(), "a 429'd alert is resolved too, in case it was committed after all");
    }

    @Test
    void alertmanagerPayloadsAreVersion4GroupsOfFiringCriticalAlerts() throws Exception {
        Workload w = new Workload("alertmanager", setup, "http://127.0.0.1:1/alertmanager");
        assertEquals(Workload.ALERTS_PER_GROUP, w.alertsPerRequest());
        Set<String> groups = new java.util.HashSet<>();
        for (int i = 0; i < 3 * Workload.GROUPS; i++) {
            groups.add(w.key(i));
        }
        assertEquals(Workload.GROUPS, groups.size(), "a handful of groups, in turn");

        JsonNode firing = new ObjectMapper().readTree(Workload.alertmanager(w.key(2), "firing"));
        assertEquals("4", firing.path("version").asText());
        assertEquals(w.key(2), firing.path("groupKey").asText());
        assertEquals(Workload.ALERTS_PER_GROUP, firing.path("alerts").size());
        Set<String> fingerprints = new java.util.HashSet<>();
        for (JsonNode alert : firing.path("alerts")) {
            assertEquals("firing", alert.path("status").asText());
            assertEquals("critical", alert.path("labels").path("severity").asText());
            fingerprints.add(alert.path("fingerprint").asText());
        }
        assertEquals(Workload.ALERTS_PER_GROUP, fingerprints.size());

        JsonNode resolved = new ObjectMapper().readTree(Workload.alertmanager(w.key(2), "resolved"));
        assertEquals("resolved", resolved.path("status").asText());
        for (JsonNode alert : resolved.path("alerts")) {
            assertEquals("resolved", alert.path("status").asText(), "each alert's own status resolves it");
        }
    }
}
