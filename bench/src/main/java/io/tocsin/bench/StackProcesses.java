package io.tocsin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The processes of the running stack, grouped as the benchmarks report them: every service instance (its pid file
 * in $TOCSIN_HOME/run), the Kafka broker, PostgreSQL (the postmaster and all its backends) and the infra holder
 * itself (which runs GreenMail). A group is resolved anew at every reading: backends come and go.
 */
final class StackProcesses {

    private final RunningStack stack;

    StackProcesses(RunningStack stack) {
        this.stack = stack;
    }

    /** Group name → the pids in it now (empty when the process is gone). Services first, in pid-file order. */
    Map<String, List<Long>> groups() {
        Map<String, List<Long>> groups = new LinkedHashMap<>();
        Long holder = null;
        for (Map.Entry<String, Long> e : pidFiles().entrySet()) {
            if (e.getKey().equals("infra")) {
                holder = e.getValue();
            } else {
                groups.put(e.getKey(), tree(e.getValue()));
            }
        }
        groups.put("Kafka broker", tree(stack.kafkaPid()));
        Long postmaster = postmaster();
        groups.put("PostgreSQL", postmaster == null ? List.of() : tree(postmaster));
        if (holder != null) {
            // Only the holder's own JVM: Kafka is its child but has its own row.
            groups.put("infra holder (GreenMail)", ProcessHandle.of(holder).isPresent() ? List.of(holder) : List.of());
        }
        return groups;
    }

    /** Every service instance and the holder, by pid-file name. */
    Map<String, Long> pidFiles() {
        Map<String, Long> pids = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(stack.home().resolve("run"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList()) {
                pids.put(f.getFileName().toString().replace(".pid", ""), Long.parseLong(Files.readString(f).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** The postmaster's pid: it daemonizes, so it is no child of the holder. */
    Long postmaster() {
        Path pidFile = stack.home().resolve("postgres").resolve("postmaster.pid");
        try {
            return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The processes whose death a benchmark must report: every pid file, Kafka and the postmaster. */
    Map<String, Long> vital() {
        Map<String, Long> vital = new LinkedHashMap<>(pidFiles());
        vital.put("Kafka broker", stack.kafkaPid());
        Long postmaster = postmaster();
        if (postmaster != null) {
            vital.put("PostgreSQL", postmaster);
        }
        return vital;
    }

    static List<Long> tree(long pid) {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            pids.add(p.pid());
            p.descendants().forEach(d -> pids.add(d.pid()));
        });
        return pids;
    }
}
