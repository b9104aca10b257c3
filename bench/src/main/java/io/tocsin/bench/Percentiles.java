package io.tocsin.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles of a set of measurements in milliseconds. */
record Percentiles(int count, double min, double p50, double p90, double p99, double p999, double max) {

    static Percentiles of(List<Double> millis) {
        return of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Percentiles of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, sorted[0], rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                rank(sorted, 99.9), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code percentile}% of all values at or below it. */
    private static double rank(double[] sorted, double percentile) {
        // 99.9/100·1000 is 999.0000000000001 in binary: round to a millionth before ceil, or 1000 values get rank 1000.
        double exact = Math.round(percentile / 100.0 * sorted.length * 1e6) / 1e6;
        int rank = (int) Math.ceil(exact);
        return sorted[Math.max(0, rank - 1)];
    }

    /** One decimal below 10 ms (sub-millisecond answers are the point of some runs), whole milliseconds above. */
    static String ms(double millis) {
        return millis < 10 ? String.format("%.1f", millis) : String.format("%.0f", millis);
    }

    @Override
    public String toString() {
        return String.format("n=%d  min %s  p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms", count, ms(min), ms(p50),
                ms(p90), ms(p99), ms(p999), ms(max));
    }
}
