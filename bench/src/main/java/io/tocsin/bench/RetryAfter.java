package io.tocsin.bench;

/**
 * Whether a rejection tells the sender when to come back in the form every monitoring system understands: a
 * positive whole number of seconds (RFC 9110 also allows an HTTP date, and 0; neither is what issue 11 asks for).
 */
final class RetryAfter {

    private RetryAfter() {
    }

    static boolean isPositiveSeconds(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > 9) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(v) > 0;
    }

    /** The delay a retry should wait: the header's seconds if it has a usable value, else the fallback; capped. */
    static long retryMillis(String value, long fallbackMillis, long capMillis) {
        long millis = isPositiveSeconds(value) ? Integer.parseInt(value.trim()) * 1000L : fallbackMillis;
        return Math.min(millis, capMillis);
    }
}
