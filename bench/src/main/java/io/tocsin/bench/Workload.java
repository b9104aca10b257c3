package io.tocsin.bench;

import io.tocsin.local.demo.Http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * What an intake benchmark sends, request by request, and how to clean up after it. Every request is a critical
 * alert; its key says which incident it belongs to:
 * <ul>
 *   <li>{@code one-key}: every alert with the same dedup key (generic webhook): one incident;</li>
 *   <li>{@code 100-keys}: 100 dedup keys in turn: 100 incidents;</li>
 *   <li>{@code alertmanager}: Alertmanager webhook v4 payloads, {@value #GROUPS} groups in turn with
 *       {@value #ALERTS_PER_GROUP} firing alerts each: one incident per group;</li>
 *   <li>{@code incidents}: a new dedup key every time: one incident per alert.</li>
 * </ul>
 * Repeated requests are built once and sent again.
 */
final class Workload {

    static final int GROUPS = 5;
    static final int ALERTS_PER_GROUP = 4;
    static final List<String> MODES = List.of("one-key", "100-keys", "alertmanager", "incidents");

    private final String mode;
    private final BenchSetup setup;
    private final String url;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final LoadClient.Request[] repeated;

    Workload(String mode, BenchSetup setup, String url) {
        this.mode = mode;
        this.setup = setup;
        this.url = url;
        int distinct = switch (mode) {
            case "one-key" -> 1;
            case "100-keys" -> 100;
            case "alertmanager" -> GROUPS;
            default -> 0;
        };
        repeated = new LoadClient.Request[distinct];
        for (int k = 0; k < distinct; k++) {
            repeated[k] = LoadClient.postJson(url, body(key(k), "firing"));
        }
    }

    /** Configures a fresh service, integration and responder paged on {@code sinkUrl}, for one mode. */
    static Workload create(String mode, RunningStack stack, Http http, String sinkUrl) throws Exception {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode + "; one of " + MODES);
        }
        boolean alertmanager = mode.equals("alertmanager");
        BenchSetup setup = BenchSetup.create(stack, http, sinkUrl, false, alertmanager ? "alertmanager" : "generic");
        return new Workload(mode, setup, alertmanager ? setup.alertmanagerUrl(stack) : setup.alertUrl(stack));
    }

    String mode() {
        return mode;
    }

    String service() {
        return setup.service();
    }

    int alertsPerRequest() {
        return mode.equals("alertmanager") ? ALERTS_PER_GROUP : 1;
    }

    /** Which incident request {@code i} belongs to: its dedup key, or its Alertmanager group. */
    String key(int i) {
        return switch (mode) {
            case "one-key" -> "one-" + run;
            case "100-keys" -> "key" + (i % 100) + "-" + run;
            case "alertmanager" -> "{}:{alertname=\"BenchErrorRate\",job=\"bench-" + run + "-g" + (i % GROUPS) + "\"}";
            default -> "new-" + run + "-" + i;
        };
    }

    LoadClient.Request firing(int i) {
        return repeated.length > 0 ? repeated[i % repeated.length] : LoadClient.postJson(url, body(key(i), "firing"));
    }

    LoadClient.Request resolve(String key) {
        return LoadClient.postJson(url, body(key, "resolved"));
    }

    /** The distinct keys of the requests whose status passes the filter, in order. */
    Set<String> keys(LoadResult result, IntPredicate statusFilter) {
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < result.due(); i++) {
            if (statusFilter.test(result.status(i))) {
                keys.add(key(i));
            }
        }
        return keys;
    }

    /** One resolve per key that was sent at all (a resolve for a key that opened nothing is ignored). */
    List<LoadClient.Request> resolves(LoadResult result) {
        List<LoadClient.Request> resolves = new ArrayList<>();
        for (String key : keys(result, s -> s != LoadResult.NOT_SENT)) {
            resolves.add(resolve(key));
        }
        return resolves;
    }

    private String body(String key, String status) {
        return mode.equals("alertmanager") ? alertmanager(key, status) : setup.alert(key, status);
    }

    /** An Alertmanager webhook (version 4) for one group, every alert in it {@code status}. */
    static String alertmanager(String groupKey, String status) {
        StringBuilder alerts = new StringBuilder();
        for (int a = 0; a < ALERTS_PER_GROUP; a++) {
            String endsAt = status.equals("firing") ? "0001-01-01T00:00:00Z" : "2026-11-27T10:05:00Z";
            alerts.append(a == 0 ? "" : ",").append("{\"status\":\"").append(status)
                    .append("\",\"labels\":{\"alertname\":\"BenchErrorRate\",\"instance\":\"pod-").append(a)
                    .append("\",\"job\":\"checkout\",\"severity\":\"critical\"},")
                    .append("\"annotations\":{\"summary\":\"Error rate high on pod-").append(a).append("\"},")
                    .append("\"startsAt\":\"2026-11-27T10:00:00Z\",\"endsAt\":\"").append(endsAt).append("\",")
                    .append("\"generatorURL\":\"http://prometheus.example.test:9090/graph?g0.expr=rate\",")
                    .append("\"fingerprint\":\"").append(String.format("%016x", (groupKey + "/pod-" + a).hashCode() & 0xffffffffL))
                    .append("\"}");
        }
        return "{\"receiver\":\"tocsin\",\"status\":\"" + status + "\",\"alerts\":[" + alerts + "],"
                + "\"groupLabels\":{\"alertname\":\"BenchErrorRate\"},"
                + "\"commonLabels\":{\"alertname\":\"BenchErrorRate\",\"job\":\"checkout\",\"severity\":\"critical\"},"
                + "\"commonAnnotations\":{\"summary\":\"bench: checkout error rate above 5%\"},"
                + "\"externalURL\":\"http://alertmanager.example.test:9093\",\"version\":\"4\","
                + "\"groupKey\":\"" + groupKey.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"truncatedAlerts\":0}";
    }
}
