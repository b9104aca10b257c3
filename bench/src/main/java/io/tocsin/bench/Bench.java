package io.tocsin.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bench/run's entry point. Every benchmark runs against the stack `deploy/local/tocsin up` started and prints what
 * it measured; none of them asserts a number.
 */
public final class Bench {

    static final List<Integer> RAMP = List.of(250, 500, 750, 1000, 1250, 1500, 2000, 2500);

    private static final String USAGE = """
            usage: bench/run [all]
                   bench/run intake one-key|100-keys|alertmanager RATE [SECONDS=60]
                   bench/run intake-ramp one-key|100-keys|alertmanager [RATE…]
                   bench/run incidents RATE [SECONDS=30]
                   bench/run overload RATE [SECONDS=30] [incidents|one-key]
                   bench/run page-latency [ALERTS=50] [PAUSE-MS=200]
                   bench/run first-page
                   bench/run idle [SECONDS=60]
                   bench/run pgbench [SECONDS=20] [THROTTLE-TPS]
                   bench/run memory
                   bench/run self-test [RATE=1000] [SECONDS=5]""";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            BenchVertx.close();
        }
    }

    private static void run(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        try {
            if (which.equals("self-test")) {
                measured(() -> IntakeBench.selfTest(System.out, intArg(args, 1, 1000), intArg(args, 2, 5)));
                return;
            }
            if (which.equals("help") || which.equals("-h") || which.equals("--help")) {
                System.out.println(USAGE);
                return;
            }
            RunningStack stack;
            try {
                stack = RunningStack.find();
            } catch (IllegalStateException e) {
                System.err.println("bench: " + e.getMessage());
                System.exit(1);
                return;
            }
            IntakeBench intake = new IntakeBench(stack, System.out);
            switch (which) {
                case "intake" -> measured(() -> intake.intake(mode(args, 1, null), intArg(args, 2, -1), intArg(args, 3, 60)));
                case "intake-ramp" -> measured(() -> intake.ramp(mode(args, 1, null), rates(args)));
                case "incidents" -> measured(() -> intake.incidents(intArg(args, 1, -1), intArg(args, 2, 30)));
                case "overload" -> measured(() -> intake.overload(intArg(args, 1, -1), intArg(args, 2, 30),
                        args.length > 3 ? args[3] : "incidents"));
                case "page-latency" -> measured(() -> new PageLatency(stack, System.out).run(intArg(args, 1, 50), intArg(args, 2, 200)));
                case "first-page" -> measured(() -> new PageLatency(stack, System.out).firstPage());
                case "idle" -> measured(() -> new Idle(stack, System.out).run(intArg(args, 1, 60)));
                case "pgbench" -> measured(() -> new PgBench(stack, System.out).run(intArg(args, 1, 20), intArg(args, 2, 0)));
                case "memory" -> new Memory(stack, System.out).run();
                case "all" -> all(stack, intake);
                default -> usage("unknown benchmark " + which);
            }
        } catch (IllegalArgumentException e) {
            usage(e.getMessage());
        }
    }

    /** Everything, in an order where each figure is taken on a stack the previous run has left quiet. */
    private static void all(RunningStack stack, IntakeBench intake) throws Exception {
        long start = System.nanoTime();
        Summary summary = new Summary();
        new Memory(stack, System.out).run();
        measured(() -> summary.idle = new Idle(stack, System.out).run(30));
        measured(() -> summary.pageLatency = new PageLatency(stack, System.out).run(30, 200));
        measured(() -> summary.oneKey = intake.intake("one-key", 1000, 60));
        measured(() -> summary.hundredKeys = intake.intake("100-keys", 1000, 60));
        measured(() -> summary.alertmanager = intake.intake("alertmanager", 1000, 60));
        measured(() -> summary.incidents = intake.incidents(200, 30));
        measured(() -> summary.pgbenchTps = new PgBench(stack, System.out).run(20, 0));
        summary.memory = new Memory(stack, System.out).run();
        summary.print(System.out);
        System.out.printf("%nbench/run took %.1f minutes%n", (System.nanoTime() - start) / 60e9);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one benchmark and prints what this JVM itself spent on it, so a busy load generator shows. */
    private static void measured(Step step) throws Exception {
        long cpu = ProcCpu.selfNanos();
        long wall = System.nanoTime();
        step.run();
        long cpuNanos = ProcCpu.selfNanos() - cpu;
        long wallNanos = System.nanoTime() - wall;
        System.out.printf("  (bench JVM: %.1f s CPU in %.0f s, %.0f %% of one core)%n%n", cpuNanos / 1e9, wallNanos / 1e9,
                100.0 * cpuNanos / wallNanos);
    }

    private static String mode(String[] args, int index, String fallback) {
        String mode = args.length > index ? args[index] : fallback;
        if (mode == null || !List.of("one-key", "100-keys", "alertmanager").contains(mode)) {
            throw new IllegalArgumentException("MODE must be one-key, 100-keys or alertmanager");
        }
        return mode;
    }

    private static List<Integer> rates(String[] args) {
        if (args.length <= 2) {
            return RAMP;
        }
        List<Integer> rates = new ArrayList<>();
        for (String rate : Arrays.copyOfRange(args, 2, args.length)) {
            rates.add(positive(rate));
        }
        return rates;
    }

    private static int intArg(String[] args, int index, int fallback) {
        if (args.length <= index) {
            if (fallback < 0) {
                throw new IllegalArgumentException("missing argument " + index);
            }
            return fallback;
        }
        return positive(args[index]);
    }

    private static int positive(String arg) {
        try {
            int value = Integer.parseInt(arg);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("not a positive whole number: " + arg);
    }

    private static void usage(String problem) {
        System.err.println("bench: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
