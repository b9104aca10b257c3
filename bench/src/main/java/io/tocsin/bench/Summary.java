package io.tocsin.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The end of {@code bench/run}: each target of issue 11 next to what this run measured. */
final class Summary {

    Memory.Figures memory;
    Map<String, Double> idle;
    PageLatency.Figures pageLatency;
    IntakeBench.Outcome oneKey;
    IntakeBench.Outcome hundredKeys;
    IntakeBench.Outcome alertmanager;
    IntakeBench.Outcome incidents;
    Double pgbenchTps;

    private record Row(String target, String measured, String verdict) {
    }

    void print(PrintStream out) {
        List<Row> rows = new ArrayList<>();
        rows.add(intake("intake, one dedup key: ≥ 1,000/s for 60 s, 202 p99 ≤ 100 ms", oneKey, 1));
        rows.add(intake("intake, 100 dedup keys: the same", hundredKeys, 1));
        rows.add(intake("intake, Alertmanager groups: the same", alertmanager, Workload.ALERTS_PER_GROUP));
        rows.add(incidents());
        rows.add(pageLatency == null ? new Row("one alert, quiet stack: 202 → mail readable p99 ≤ 150 ms", "not measured", "—")
                : new Row("one alert, quiet stack: 202 → mail readable p99 ≤ 150 ms",
                String.format("p99 %s ms (webhook page p99 %s ms)", Percentiles.ms(pageLatency.toMailbox().p99()),
                        Percentiles.ms(pageLatency.toWebhook().p99())), verdict(pageLatency.toMailbox().p99() <= 150)));
        rows.add(new Row("first page after tocsin up ≤ 1 s", "bench/run first-page, right after tocsin up", "not run"));
        rows.add(new Row("first page after 10 minutes idle ≤ 300 ms", "bench/run first-page, after 10 quiet minutes", "not run"));
        if (memory != null) {
            Map.Entry<String, Long> biggest = memory.serviceRssKb().entrySet().stream().max(Map.Entry.comparingByValue())
                    .orElse(null);
            rows.add(biggest == null ? new Row("every service ≤ 300 MB RSS after the load", "no service running", "—")
                    : new Row("every service ≤ 300 MB RSS after the load", String.format("largest %s %d MB",
                    biggest.getKey(), biggest.getValue() / 1024), verdict(biggest.getValue() / 1024 <= 300)));
            rows.add(new Row("whole stack ≤ 1.6 GB PSS", String.format("%d MB", memory.totalPssKb() / 1024),
                    verdict(memory.totalPssKb() / 1024 <= 1600)));
        }
        if (idle != null && !idle.isEmpty()) {
            Map.Entry<String, Double> busiest = idle.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            rows.add(new Row("an idle service ≤ 1 % of one core", String.format("busiest %s %.1f %%", busiest.getKey(),
                    busiest.getValue()), verdict(busiest.getValue() <= 1)));
        }
        rows.add(new Row("overload at 3× for 30 s: 429/503 + Retry-After p99 ≤ 10 ms, nothing lost",
                "bench/run overload RATE 30 (RATE = 3× the sustained rate)", "not run"));
        rows.add(new Row("pgbench, single-row INSERTs, 16 clients, TCP", pgbenchTps == null ? "skipped"
                : String.format("%.0f transactions/s", pgbenchTps), "—"));
        rows.add(ratio());

        out.println();
        out.println("summary: the targets of issue 11 and this run's figures");
        int width = rows.stream().mapToInt(r -> r.target().length()).max().orElse(10);
        int measuredWidth = rows.stream().mapToInt(r -> r.measured().length()).max().orElse(10);
        out.printf("  %-" + width + "s   %-" + measuredWidth + "s   %s%n", "target", "measured", "");
        for (Row row : rows) {
            out.printf("  %-" + width + "s   %-" + measuredWidth + "s   %s%n", row.target(), row.measured(), row.verdict());
        }
    }

    private static Row intake(String target, IntakeBench.Outcome o, int alertsPerRequest) {
        if (o == null) {
            return new Row(target, "not measured", "—");
        }
        String alerts = alertsPerRequest > 1 ? String.format(" (%.0f alerts/s)", o.achieved() * alertsPerRequest) : "";
        String measured = String.format("%.0f/s of %d/s%s, p99 %s ms, %d not 202%s", o.achieved(), o.rate(), alerts,
                Percentiles.ms(o.p99()), o.notAccepted(), o.incidentsRight() && o.pagesRight() ? "" : ", incidents or pages WRONG");
        return new Row(target, measured, verdict(o.rate() >= 1000 && o.seconds() >= 60 && o.held()
                && o.incidentsRight() && o.pagesRight()));
    }

    private Row incidents() {
        String target = "new incidents: ≥ 200/s for 30 s, each paged once, 202 → page p99 ≤ 2 s";
        if (incidents == null) {
            return new Row(target, "not measured", "—");
        }
        IntakeBench.Outcome o = incidents;
        String measured = String.format("%.0f/s of %d/s, %d not 202, %s, 202 → page p99 %s", o.achieved(), o.rate(),
                o.notAccepted(), o.incidentsRight() && o.pagesRight() ? "each paged once" : "pages WRONG",
                o.toPage() == null ? "—" : Percentiles.ms(o.toPage().p99()) + " ms");
        return new Row(target, measured, verdict(o.rate() >= 200 && o.seconds() >= 30 && o.notAccepted() == 0
                && o.incidentsRight() && o.pagesRight() && o.toPage() != null && o.toPage().p99() <= 2000));
    }

    private Row ratio() {
        String target = "intake ÷ pgbench (one-key rate holding p99 ≤ 100 ms ÷ TPS)";
        if (oneKey == null || pgbenchTps == null) {
            return new Row(target, "needs both figures", "—");
        }
        if (!oneKey.held()) {
            return new Row(target, String.format("— (%d/s did not hold p99 ≤ 100 ms; intake-ramp one-key finds the rate that does)",
                    oneKey.rate()), "—");
        }
        return new Row(target, String.format("%.0f ÷ %.0f = %.3f", oneKey.achieved(), pgbenchTps,
                oneKey.achieved() / pgbenchTps), "—");
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT MET";
    }
}
