package io.tocsin.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stack costs while nothing happens: the CPU each process group uses over a quiet interval, as % of one
 * core (utime + stime from /proc, summed over a group's processes). Pollers and consumers that wake often show here.
 */
final class Idle {

    private final RunningStack stack;
    private final PrintStream out;

    Idle(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Returns % of one core per service instance (the other groups are printed only). */
    Map<String, Double> run(int seconds) throws InterruptedException {
        StackProcesses processes = new StackProcesses(stack);
        StackCpu cpu = new StackCpu(processes);
        out.printf("idle: CPU over %d s while nothing is sent (%% of one core)%n", seconds);
        long self = ProcCpu.selfNanos();
        StackCpu.Snapshot from = cpu.take();
        Thread.sleep(seconds * 1000L);
        StackCpu.Snapshot to = cpu.take();
        Map<String, Double> percent = StackCpu.print(out, from, to);
        out.printf("  %-32s %6.1f %%%n", "(this benchmark's JVM)",
                100.0 * (ProcCpu.selfNanos() - self) / (to.nanoTime() - from.nanoTime()));
        Map<String, Double> services = new LinkedHashMap<>();
        Map<String, Long> pidFiles = processes.pidFiles();
        percent.forEach((name, p) -> {
            if (pidFiles.containsKey(name) && !name.equals("infra")) {
                services.put(name, p);
            }
        });
        return services;
    }
}
