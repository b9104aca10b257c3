package io.tocsin.bench;

import io.tocsin.local.demo.Http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The open-loop benchmarks: intake of repeated and grouped alerts (one rate, or a ramp of rates), new incidents to
 * pages, and overload. Each run configures a fresh service, integration and responder (paged on the benchmark's
 * own webhook sink), sends on a constant schedule, checks incidents and pages, resolves what it opened and waits
 * for the stack to calm down before it returns, so one run's tail does not land in the next.
 */
final class IntakeBench {

    /** What the summary of {@code bench/run} needs from an intake or incidents run. */
    record Outcome(String mode, int rate, int seconds, double achieved, double p99, int notAccepted,
                   boolean incidentsRight, boolean pagesRight, Percentiles toPage) {

        boolean held() {
            return p99 <= P99_TARGET_MS && notAccepted == 0;
        }
    }

    static final double P99_TARGET_MS = 100;
    static final int MAX_IN_FLIGHT = 1000;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long ANSWER_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(LoadClient.REQUEST_TIMEOUT_MILLIS + 2000);

    private final RunningStack stack;
    private final PrintStream out;
    private final Http http = new Http();

    IntakeBench(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** {@code bench/run intake MODE RATE [SECONDS]}. */
    Outcome intake(String mode, int rate, int seconds) throws Exception {
        try (LoadClient client = new LoadClient()) {
            PageSink sink = PageSink.get();
            Workload workload = Workload.create(mode, stack, http, sink.url());
            out.printf("intake %s: %d requests/s for %d s, open loop (service %s)%n", mode, rate, seconds, workload.service());
            Loaded run = load(client, sink, workload, new Schedule(rate, seconds));
            run.result.print(out, workload.alertsPerRequest(), run.generatorCpu);
            Checked checked = checkIncidentsAndPages(workload, run.result, sink, 30, true);
            cleanUp(client, workload, run.result, true);
            return new Outcome(mode, rate, seconds, run.result.achievedPerSecond(), run.result.acceptedP99(),
                    run.result.notAccepted(), checked.incidentsRight, checked.pagesRight, null);
        }
    }

    /** {@code bench/run intake-ramp MODE [RATES…]}: 15 s per rate until p99 passes 100 ms or anything but 202 comes back. */
    void ramp(String mode, List<Integer> rates) throws Exception {
        int seconds = 15;
        out.printf("intake-ramp %s: %d s per rate; stops after the first step with 202 p99 > %.0f ms or any answer but 202%n",
                mode, seconds, P99_TARGET_MS);
        out.printf("  %8s %10s %9s %9s %9s %14s %10s%n", "rate/s", "achieved", "p50 ms", "p99 ms", "not 202",
                "sender lag ms", "bench CPU");
        Integer highest = null;
        for (int rate : rates) {
            try (LoadClient client = new LoadClient()) {
                PageSink sink = PageSink.get();
                Workload workload = Workload.create(mode, stack, http, sink.url());
                Loaded run = load(client, sink, workload, new Schedule(rate, seconds));
                LoadResult r = run.result;
                double[] ok = r.latencyMillis(s -> s == 202);
                Percentiles p = ok.length == 0 ? null : Percentiles.of(ok);
                double[] lag = r.lagMillis();
                out.printf("  %8d %10.1f %9s %9s %9d %14s %9.0f%%%n", rate, r.achievedPerSecond(),
                        p == null ? "—" : Percentiles.ms(p.p50()), p == null ? "—" : Percentiles.ms(p.p99()),
                        r.notAccepted(), lag.length == 0 ? "—" : Percentiles.ms(Percentiles.of(lag).max()),
                        run.generatorCpu);
                if (r.firstError() != null) {
                    out.println("           first error: " + r.firstError());
                }
                checkIncidentsAndPages(workload, r, sink, 30, false);
                cleanUp(client, workload, r, false);
                boolean held = p != null && p.p99() <= P99_TARGET_MS && r.notAccepted() == 0;
                if (!held) {
                    break;
                }
                highest = rate;
            }
        }
        out.println(highest == null ? "  highest rate holding p99 ≤ 100 ms: none of the rates tried"
                : "  highest rate holding p99 ≤ 100 ms: " + highest + "/s");
    }

    /** {@code bench/run incidents RATE [SECONDS]}: distinct critical alerts, every one a new incident to page. */
    Outcome incidents(int rate, int seconds) throws Exception {
        try (LoadClient client = new LoadClient()) {
            PageSink sink = PageSink.get();
            Workload workload = Workload.create("incidents", stack, http, sink.url());
            out.printf("incidents: %d new critical alerts/s for %d s, open loop (service %s)%n", rate, seconds,
                    workload.service());
            Loaded run = load(client, sink, workload, new Schedule(rate, seconds));
            run.result.print(out, 1, run.generatorCpu);
            Checked checked = checkIncidentsAndPages(workload, run.result, sink, 120, true);
            Percentiles toPage = pageLatency(run.result, sink);
            cleanUp(client, workload, run.result, true);
            return new Outcome("incidents", rate, seconds, run.result.achievedPerSecond(), run.result.acceptedP99(),
                    run.result.notAccepted(), checked.incidentsRight, checked.pagesRight, toPage);
        }
    }

    /** {@code bench/run overload RATE [SECONDS] [MODE]}: more than the stack can take; what happens to the excess. */
    void overload(int rate, int seconds, String mode) throws Exception {
        if (!mode.equals("incidents") && !mode.equals("one-key")) {
            throw new IllegalArgumentException("overload runs incidents or one-key, not " + mode);
        }
        StackProcesses processes = new StackProcesses(stack);
        Map<String, Long> vital = processes.vital();
        LogWatch logs = new LogWatch(stack.home().resolve("logs"));
        try (LoadClient client = new LoadClient()) {
            PageSink sink = PageSink.get();
            Workload workload = Workload.create(mode, stack, http, sink.url());
            out.printf("overload %s: %d requests/s for %d s, open loop (service %s)%n", mode, rate, seconds,
                    workload.service());
            Loaded run = load(client, sink, workload, new Schedule(rate, seconds));
            LoadResult r = run.result;
            r.print(out, 1, run.generatorCpu);
            double[] rejections = r.latencyMillis(LoadResult::isRejection);
            if (rejections.length == 0) {
                out.println("  rejected   none (no 429 or 503)");
            } else {
                Percentiles p = Percentiles.of(rejections);
                out.printf("  rejected   %d (429: %d · 503: %d); with Retry-After in positive whole seconds: %.1f %%%n",
                        rejections.length, r.count(429), r.count(503), 100 * r.retryAfterShare());
                out.printf("  rejection latency from due time  %s   (target p99 ≤ 10 ms: %s)%n", p,
                        p.p99() <= 10 ? "met" : "NOT MET");
            }

            // Every 202 must stand for a committed incident, and every incident must be paged.
            Map<String, Long> incidents = r.firstAcceptedAt();
            String responder = stack.token("bench-responder", "responder");
            List<LoadClient.Request> reads = new ArrayList<>();
            incidents.keySet().forEach(id -> reads.add(LoadClient.get(stack.incidentUrl() + "/api/v1/incidents/" + id, responder)));
            int[] found = client.sendAll(reads, 8);
            long present = java.util.Arrays.stream(found).filter(s -> s == 200).count();
            out.printf("  afterwards the incidents of the %d accepted alerts: %d of %d found (GET /api/v1/incidents/{id})%s%n",
                    r.accepted(), present, incidents.size(), present == incidents.size() ? "" : "  MISSING SOME");
            checkIncidentsAndPages(workload, r, sink, 120, true);

            List<String> died = new ArrayList<>();
            vital.forEach((name, pid) -> {
                if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    died.add(name + " (pid " + pid + ")");
                }
            });
            Map<String, Integer> oom = logs.linesContaining("OutOfMemoryError");
            out.printf("  processes  %s; OutOfMemoryError in the logs: %s%n",
                    died.isEmpty() ? "all " + vital.size() + " still alive" : "DIED: " + String.join(", ", died),
                    oom.isEmpty() ? "none" : oom);
            cleanUp(client, workload, r, true);
        }
    }

    /** {@code bench/run self-test RATE [SECONDS]}: the load generator against its own page sink, no stack needed. */
    static void selfTest(PrintStream out, int rate, int seconds) throws Exception {
        try (LoadClient client = new LoadClient()) {
            PageSink sink = PageSink.get();
            out.printf("self-test: %d fake pages/s for %d s from the load generator to the page sink, both in this JVM%n",
                    rate, seconds);
            String url = sink.url();
            // The sink answers 204; here that plays the part of the 202.
            String service = "self-test-" + java.util.UUID.randomUUID();
            Loaded run = load(client, sink, i -> client.send(LoadClient.postJson(url, "{\"type\":\"page\",\"incidentId\":\""
                            + service + "-" + i + "\",\"service\":\"" + service + "\",\"step\":1,\"links\":[]}"))
                    .thenApply(a -> new OpenLoop.Answer(a.status() == 204 ? 202 : a.status(), a.retryAfter(), service + "-" + i)),
                    new Schedule(rate, seconds));
            out.println("  (the sink's 204 counts as the 202 here)");
            run.result.print(out, 1, run.generatorCpu);
            out.printf("  sink       received %d of %d pages%n", sink.incidentsPaged(service), run.result.sent());
        }
    }

    private record Loaded(LoadResult result, double generatorCpu) {
    }

    private record Checked(boolean incidentsRight, boolean pagesRight) {
    }

    private Loaded load(LoadClient client, PageSink sink, Workload workload, Schedule schedule) throws InterruptedException {
        return load(client, sink, i -> client.send(workload.firing(i)), schedule);
    }

    /**
     * Warms the client up on the sink, then runs the schedule and measures this JVM's CPU meanwhile (the load
     * generator, and the sink's share).
     */
    private static Loaded load(LoadClient client, PageSink sink, OpenLoop.Target target, Schedule schedule)
            throws InterruptedException {
        client.warmUp(sink.warmUpUrl());
        OpenLoop loop = new OpenLoop(OpenLoop.Ticker.SYSTEM, MAX_IN_FLIGHT, GIVE_UP_NANOS, ANSWER_WAIT_NANOS);
        long cpu = ProcCpu.selfNanos();
        long wall = System.nanoTime();
        LoadResult result = loop.run(schedule, target);
        double percent = 100.0 * (ProcCpu.selfNanos() - cpu) / (System.nanoTime() - wall);
        return new Loaded(result, percent);
    }

    /**
     * Incidents opened (one per key that got a 202) and pages (exactly one per incident): waits up to
     * {@code waitSeconds} for every incident's page, then three seconds more for any page sent twice.
     */
    private Checked checkIncidentsAndPages(Workload workload, LoadResult r, PageSink sink, int waitSeconds,
                                           boolean verbose) throws InterruptedException {
        Set<String> incidents = r.firstAcceptedAt().keySet();
        int expected = workload.keys(r, s -> s == 202).size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (paged(sink, incidents) < incidents.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(3000);
        int paged = paged(sink, incidents);
        // Incidents paged that no 202 named: an alert whose answer timed out may still have been committed.
        int others = sink.incidentsPaged(workload.service()) - paged;
        long pagedTwice = sink.pagedTwice(workload.service());
        boolean incidentsRight = incidents.size() == expected;
        boolean pagesRight = paged == incidents.size() && pagedTwice == 0;
        if (verbose || !incidentsRight || !pagesRight) {
            out.printf("  incidents  opened %d (must be %d)%s; paged %d of them%s; paged twice %d%s%s%n",
                    incidents.size(), expected, incidentsRight ? "" : " WRONG", paged,
                    paged == incidents.size() ? "" : " (the rest not within " + waitSeconds + " s)", pagedTwice,
                    pagesRight ? "" : "  WRONG: every incident must be paged exactly once",
                    others == 0 ? "" : "; " + others + " more paged whose alert got no 202");
        }
        return new Checked(incidentsRight, pagesRight);
    }

    private static int paged(PageSink sink, Set<String> incidents) {
        int paged = 0;
        for (String incident : incidents) {
            paged += sink.pages(incident).isEmpty() ? 0 : 1;
        }
        return paged;
    }

    /** 202 → first page of each incident, and how long after the last 202 the last page came (the backlog). */
    private Percentiles pageLatency(LoadResult r, PageSink sink) {
        List<Double> toPage = new ArrayList<>();
        long lastPage = 0;
        for (Map.Entry<String, Long> incident : r.firstAcceptedAt().entrySet()) {
            List<PageSink.Page> pages = sink.pages(incident.getKey());
            if (!pages.isEmpty()) {
                long first = pages.stream().mapToLong(PageSink.Page::arrivedNanos).min().getAsLong();
                toPage.add((first - incident.getValue()) / 1e6);
                lastPage = Math.max(lastPage, first);
            }
        }
        if (toPage.isEmpty()) {
            out.println("  202 → page  no pages");
            return null;
        }
        Percentiles p = Percentiles.of(toPage);
        out.println("  202 → page on webhook      " + p);
        out.printf("  backlog    the last page came %.2f s after the last 202%n", (lastPage - r.lastAcceptedAt()) / 1e9);
        return p;
    }

    /** Resolves every key that was sent, a few at a time (not measured), then waits for the stack to calm down. */
    private void cleanUp(LoadClient client, Workload workload, LoadResult r, boolean verbose) throws Exception {
        long start = System.nanoTime();
        List<LoadClient.Request> resolves = workload.resolves(r);
        int[] statuses = client.sendAll(resolves, 8);
        long failed = java.util.Arrays.stream(statuses).filter(s -> s != 202).count();
        double settled = Quiet.await(new StackCpu(new StackProcesses(stack)), 60);
        if (verbose || failed > 0) {
            out.printf("  cleanup    %d resolves in %.1f s%s; the stack settled after %.0f s more%n", resolves.size(),
                    (System.nanoTime() - start) / 1e9 - settled, failed == 0 ? "" : " (" + failed + " NOT ACCEPTED)",
                    settled);
        }
    }
}
