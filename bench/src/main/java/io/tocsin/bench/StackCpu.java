package io.tocsin.bench;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used by each group of the stack's processes between two readings of /proc. A process that started between the
 * readings counts with its whole CPU time; one that ended between them is missed (PostgreSQL's backends live as
 * long as the services' connection pools, so this is rare).
 */
final class StackCpu {

    /** One reading of every group. */
    record Snapshot(long uptimeTicks, long nanoTime, Map<String, Map<Long, ProcCpu.Sample>> groups) {
    }

    private final StackProcesses processes;

    StackCpu(StackProcesses processes) {
        this.processes = processes;
    }

    Snapshot take() {
        long uptime = ProcCpu.uptimeTicks();
        Map<String, Map<Long, ProcCpu.Sample>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> group : processes.groups().entrySet()) {
            Map<Long, ProcCpu.Sample> samples = new HashMap<>();
            for (long pid : group.getValue()) {
                ProcCpu.Sample s = ProcCpu.read(pid);
                if (s != null) {
                    samples.put(pid, s);
                }
            }
            groups.put(group.getKey(), samples);
        }
        return new Snapshot(uptime, System.nanoTime(), groups);
    }

    /** Clock ticks a group's processes used from {@code from} to {@code to}. */
    static long ticksUsed(Map<Long, ProcCpu.Sample> from, Map<Long, ProcCpu.Sample> to, long fromUptimeTicks) {
        long ticks = 0;
        for (ProcCpu.Sample now : to.values()) {
            ProcCpu.Sample before = from.get(now.pid());
            if (before != null && before.startTicks() == now.startTicks()) {
                ticks += now.cpuTicks() - before.cpuTicks();
            } else if (now.startTicks() >= fromUptimeTicks) {
                ticks += now.cpuTicks();
            }
        }
        return ticks;
    }

    /** Per group: CPU used between the snapshots as % of one core. */
    static Map<String, Double> percentOfOneCore(Snapshot from, Snapshot to) {
        double wallSeconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        to.groups().forEach((name, samples) -> {
            long ticks = ticksUsed(from.groups().getOrDefault(name, Map.of()), samples, from.uptimeTicks());
            percent.put(name, 100.0 * ticks / ProcCpu.ticksPerSecond() / wallSeconds);
        });
        return percent;
    }

    /** Prints one row per group and the total; returns the per-group figures. */
    static Map<String, Double> print(PrintStream out, Snapshot from, Snapshot to) {
        double wallSeconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        Map<String, Double> percent = percentOfOneCore(from, to);
        double total = 0;
        for (Map.Entry<String, Double> row : percent.entrySet()) {
            int count = to.groups().get(row.getKey()).size();
            String name = row.getKey() + (count > 1 ? " ×" + count : "") + (count == 0 ? " (not running)" : "");
            out.printf("  %-32s %6.1f %%   (%.2f s CPU)%n", name, row.getValue(), row.getValue() / 100 * wallSeconds);
            total += row.getValue();
        }
        out.printf("  %-32s %6.1f %%%n", "whole stack", total);
        return percent;
    }
}
