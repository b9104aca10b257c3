package io.tocsin.bench;

/**
 * Waits until the stack has worked off what a benchmark left behind (resolves flowing through four services, pages
 * for them, outbox relays): until one second passes with the whole stack below half a core, or the time is up.
 */
final class Quiet {

    static final double BUSY_PERCENT = 50;

    private Quiet() {
    }

    /** Returns the seconds it waited. */
    static double await(StackCpu cpu, int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        StackCpu.Snapshot before = cpu.take();
        while (System.nanoTime() - start < maxSeconds * 1_000_000_000L) {
            Thread.sleep(1000);
            StackCpu.Snapshot now = cpu.take();
            double total = StackCpu.percentOfOneCore(before, now).values().stream().mapToDouble(Double::doubleValue).sum();
            before = now;
            if (total < BUSY_PERCENT) {
                break;
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
