package io.tocsin.bench;

import io.tocsin.local.demo.Http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many critical alerts from several clients at once: intake throughput and the 202's latency under load, then
 * whether every incident was paged exactly once, and how long after its 202. A burst of distinct alerts opens one
 * incident each; a storm repeats one dedup key (a flapping check, a retrying sender) and must stay one incident with
 * one page.
 */
final class Burst {

    private final RunningStack stack;
    private final PrintStream out;
    private final Http http = new Http();

    Burst(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    void run(int alerts, int clients, boolean oneDedupKey) throws Exception {
        try (PageSink sink = new PageSink()) {
            BenchSetup setup = BenchSetup.create(stack, http, sink.url(), false);
            String stormKey = "storm-" + UUID.randomUUID();
            out.printf("%s: %d alerts from %d clients at once, to service %s%n", oneDedupKey ? "storm (one dedup key)"
                    : "burst (distinct alerts)", alerts, clients, setup.service());
            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            List<Double> toAccepted = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> dedupKeys = java.util.Collections.synchronizedList(new ArrayList<>());

            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < alerts; i++) {
                sends.add(pool.submit(() -> {
                    String dedupKey = oneDedupKey ? stormKey : "burst-" + UUID.randomUUID();
                    long sent = System.nanoTime();
                    Http.Answer answer = http.expect(202, http.post(setup.alertUrl(stack), null,
                            setup.alert(dedupKey, "firing")));
                    long accepted = System.nanoTime();
                    acceptedAt.merge(answer.json().path("incidentId").asText(), accepted, Math::min);
                    toAccepted.add((accepted - sent) / 1e6);
                    if (!oneDedupKey) {
                        dedupKeys.add(dedupKey);
                    }
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("  intake: %d alerts accepted in %.1f s = %.0f alerts/s%n", alerts, seconds, alerts / seconds);
            out.println("  webhook → 202            " + Percentiles.of(toAccepted));

            long deadline = System.nanoTime() + 120_000_000_000L;
            while (sink.incidentsPaged() < acceptedAt.size() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double allPaged = (System.nanoTime() - start) / 1e9;
            Thread.sleep(3000);
            List<Double> toPage = new ArrayList<>();
            acceptedAt.forEach((incident, accepted) -> sink.pages(incident).stream().findFirst()
                    .ifPresent(page -> toPage.add((page.arrivedNanos() - accepted) / 1e6)));
            out.printf("  incidents opened: %d; paged: %d of them (all within %.1f s of the first alert), paged twice: %d%n",
                    acceptedAt.size(), sink.incidentsPaged(), allPaged, sink.pagedTwice());
            if (!toPage.isEmpty()) {
                out.println("  202 → page on webhook    " + Percentiles.of(toPage));
            }

            if (oneDedupKey) {
                dedupKeys.add(stormKey);
            }
            List<Future<?>> resolves = new ArrayList<>();
            for (String dedupKey : dedupKeys) {
                resolves.add(pool.submit(() -> http.expect(202, http.post(setup.alertUrl(stack), null,
                        setup.alert(dedupKey, "resolved")))));
            }
            for (Future<?> resolve : resolves) {
                resolve.get();
            }
            pool.shutdown();
        }
    }
}
