package io.tocsin.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every process of the running stack holds in memory, read from /proc: RSS, and PSS where processes share
 * pages (PostgreSQL's backends share their buffers, so their RSS would count them many times).
 */
final class Memory {

    /** What the summary needs: each service instance's RSS and the whole stack's PSS, in kB. */
    record Figures(Map<String, Long> serviceRssKb, long totalPssKb) {
    }

    private final RunningStack stack;
    private final PrintStream out;

    Memory(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    Figures run() throws IOException {
        out.println("memory (MB):");
        out.printf("  %-28s %8s %8s%n", "process", "RSS", "PSS");
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(stack.home().resolve("run"))) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
        }
        long total = 0;
        Map<String, Long> services = new LinkedHashMap<>();
        for (Path pidFile : pidFiles) {
            String name = pidFile.getFileName().toString().replace(".pid", "");
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElse(null);
            if (process == null) {
                out.printf("  %-28s not running%n", name);
                continue;
            }
            total += row(name.equals("infra") ? "infra (holder, GreenMail)" : name, List.of(process));
            if (!name.equals("infra")) {
                services.put(name, kilobytes(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:"));
            }
            if (name.equals("infra")) {
                List<ProcessHandle> children = process.descendants().toList();
                total += row("  Kafka broker", children.stream().filter(p -> p.pid() == stack.kafkaPid()).toList());
                total += row("  PostgreSQL (all backends)", postgres());
            }
        }
        out.printf("  %-28s %8s %8d%n", "total", "", total / 1024);
        return new Figures(services, total);
    }

    /** The postmaster (it daemonizes, so it is no child of the holder) and its backends. */
    private List<ProcessHandle> postgres() throws IOException {
        Path pidFile = stack.home().resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return List.of();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants()).toList()).orElse(List.of());
    }

    /** Prints one row and returns its PSS in kB. */
    private long row(String name, List<ProcessHandle> processes) throws IOException {
        long rss = 0;
        long pss = 0;
        for (ProcessHandle p : processes) {
            rss += kilobytes(Path.of("/proc", String.valueOf(p.pid()), "status"), "VmRSS:");
            pss += kilobytes(Path.of("/proc", String.valueOf(p.pid()), "smaps_rollup"), "Pss:");
        }
        out.printf("  %-28s %8d %8d%n", name + (processes.size() > 1 ? " ×" + processes.size() : ""), rss / 1024, pss / 1024);
        return pss;
    }

    private static long kilobytes(Path file, String field) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
