package io.tocsin.bench;

/**
 * bench/run's entry point. Every benchmark runs against the stack `deploy/local/tocsin up` started and prints what
 * it measured; none of them asserts a number.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "all";
        RunningStack stack;
        try {
            stack = RunningStack.find();
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
            return;
        }
        switch (which) {
            case "page-latency" -> new PageLatency(stack, System.out).run(intArg(args, 1, 50), intArg(args, 2, 200));
            case "burst" -> new Burst(stack, System.out).run(intArg(args, 1, 500), intArg(args, 2, 8), false);
            case "storm" -> new Burst(stack, System.out).run(intArg(args, 1, 500), intArg(args, 2, 8), true);
            case "memory" -> new Memory(stack, System.out).run();
            case "all" -> {
                new Memory(stack, System.out).run();
                new PageLatency(stack, System.out).run(50, 200);
                new Burst(stack, System.out).run(500, 8, false);
                new Burst(stack, System.out).run(500, 8, true);
                new Memory(stack, System.out).run();
            }
            default -> {
                System.err.println("usage: bench/run [all | page-latency [ALERTS] [PAUSE-MS] | burst|storm [ALERTS] [CLIENTS] | memory]");
                System.exit(2);
            }
        }
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
