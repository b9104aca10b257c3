package io.tocsin.bench;

import io.tocsin.local.demo.Http;

/**
 * notification-service's circuit breaker for webhook deliveries, read from its Prometheus metrics. It is one breaker
 * for every webhook: while it is open (after failures to any receiver, such as the sink of a benchmark that has
 * ended), no page reaches the sink, and a run started then would measure the breaker's 30 s delay.
 */
final class WebhookBreaker {

    private WebhookBreaker() {
    }

    /** Whether the metrics say the webhook breaker is open; false when they do not mention it. */
    static boolean isOpen(String metrics) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ft_circuitbreaker_state_current{") && line.contains("WebhookClient")
                    && line.contains("state=\"open\"")) {
                String value = line.substring(line.lastIndexOf(' ') + 1).trim();
                try {
                    return Double.parseDouble(value) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Waits (up to {@code maxSeconds}) until the breaker is closed, saying so on stderr when it has to. */
    static void awaitClosed(RunningStack stack, Http http, int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        boolean said = false;
        // Metrics are served on notification-service's management interface (tocsin up: its port + 1000).
        while (isOpen(http.get(stack.notificationManagementUrl() + "/q/metrics", null).text())) {
            if (System.nanoTime() > deadline) {
                System.err.println("bench: the webhook breaker is still open; measuring anyway (pages will be late)");
                return;
            }
            if (!said) {
                System.err.println("bench: notification-service's webhook circuit breaker is open (a webhook failed,"
                        + " perhaps a sink that is gone); waiting for it to close before measuring");
                said = true;
            }
            Thread.sleep(1000);
        }
    }
}
