package io.tocsin.bench;

import io.tocsin.local.demo.Http;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * From the webhook's 202 to the page: one critical alert at a time, each a new incident, measured to the page on
 * the responder's webhook (the sink, same clock) and to the page email readable over IMAP. The first alert after a
 * start pays for warm-up (first Kafka fetches, first template render, first SMTP connection) and is reported on its
 * own; {@code first-page} sends only that one. Every incident is resolved again afterwards.
 */
final class PageLatency {

    /** What the summary needs: 202 → webhook page and 202 → mail readable, over the alerts after the first. */
    record Figures(Percentiles toWebhook, Percentiles toMailbox) {
    }

    /** One alert's times, in milliseconds. */
    private record One(double toAccepted, double toWebhook, double toMailbox) {
    }

    private static final long TIMEOUT_NANOS = 30_000_000_000L;

    private final RunningStack stack;
    private final PrintStream out;
    private final Http http = new Http();

    PageLatency(RunningStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    Figures run(int alerts, long pauseMillis) throws Exception {
        PageSink sink = PageSink.get();
        BenchSetup setup = BenchSetup.create(stack, http, sink.url(), true);
        out.printf("page latency: %d alerts, one at a time, to service %s%n", alerts, setup.service());
        List<Double> toWebhook = new ArrayList<>();
        List<Double> toMailbox = new ArrayList<>();
        List<Double> toAccepted = new ArrayList<>();
        List<String> dedupKeys = new ArrayList<>();
        try (Inbox inbox = new Inbox(stack.imapPort(), setup.responderEmail())) {
            for (int i = 0; i < alerts; i++) {
                String dedupKey = "bench-" + UUID.randomUUID();
                dedupKeys.add(dedupKey);
                One one = measure(setup, sink, inbox, dedupKey);
                if (i == 0) {
                    out.printf("  first alert (a warm-up when the stack has just started): 202 in %.0f ms, webhook page %.0f ms, mail %.0f ms after the 202%n",
                            one.toAccepted(), one.toWebhook(), one.toMailbox());
                } else {
                    toAccepted.add(one.toAccepted());
                    toWebhook.add(one.toWebhook());
                    toMailbox.add(one.toMailbox());
                }
                Thread.sleep(pauseMillis);
            }
        }
        Figures figures = null;
        if (!toWebhook.isEmpty()) {
            out.println("  webhook → 202            " + Percentiles.of(toAccepted));
            out.println("  202 → page on webhook    " + Percentiles.of(toWebhook));
            out.println("  202 → page mail readable " + Percentiles.of(toMailbox));
            figures = new Figures(Percentiles.of(toWebhook), Percentiles.of(toMailbox));
        }
        Thread.sleep(2000);
        out.printf("  pages sent twice: %d%n", sink.pagedTwice(setup.service()));
        resolve(setup, dedupKeys);
        return figures;
    }

    /**
     * {@code bench/run first-page}: exactly one alert to a freshly configured service. Run it right after
     * {@code tocsin up} (the first page after a start) and again after ten minutes without traffic (the first page
     * after idling: connections, caches and JIT state gone cold).
     */
    void firstPage() throws Exception {
        PageSink sink = PageSink.get();
        BenchSetup setup = BenchSetup.create(stack, http, sink.url(), true);
        out.printf("first page: one alert to service %s%n", setup.service());
        String dedupKey = "bench-" + UUID.randomUUID();
        One one;
        try (Inbox inbox = new Inbox(stack.imapPort(), setup.responderEmail())) {
            one = measure(setup, sink, inbox, dedupKey);
        }
        out.printf("  POST → 202 %.0f ms; 202 → page on webhook %.0f ms; 202 → page mail readable %.0f ms%n",
                one.toAccepted(), one.toWebhook(), one.toMailbox());
        resolve(setup, List.of(dedupKey));
    }

    private One measure(BenchSetup setup, PageSink sink, Inbox inbox, String dedupKey) throws Exception {
        int mailsBefore = inbox.count();
        long sent = System.nanoTime();
        Http.Answer answer = http.expect(202, http.post(setup.alertUrl(stack), null, setup.alert(dedupKey, "firing")));
        long accepted = System.nanoTime();
        String incident = answer.json().path("incidentId").asText();

        long webhook = -1;
        long mailbox = -1;
        while ((webhook < 0 || mailbox < 0) && System.nanoTime() - accepted < TIMEOUT_NANOS) {
            if (webhook < 0 && !sink.pages(incident).isEmpty()) {
                webhook = sink.pages(incident).get(0).arrivedNanos();
            }
            if (mailbox < 0 && inbox.count() > mailsBefore) {
                mailbox = inbox.lastArrivalNanos();
            }
            Thread.sleep(2);
        }
        if (webhook < 0 || mailbox < 0) {
            throw new IllegalStateException("No page for incident " + incident + " within 30 s");
        }
        return new One((accepted - sent) / 1e6, (webhook - accepted) / 1e6, (mailbox - accepted) / 1e6);
    }

    private void resolve(BenchSetup setup, List<String> dedupKeys) throws Exception {
        for (String dedupKey : dedupKeys) {
            http.expect(202, http.post(setup.alertUrl(stack), null, setup.alert(dedupKey, "resolved")));
        }
    }
}
