package io.tocsin.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The responder's webhook contact method: notification-service posts each page here, and the sink notes when it
 * arrived (System.nanoTime, the same clock the benchmark reads after each 202), for which service and incident, and
 * which delivery it was. It runs on a Vert.x event loop and reads only the fields it needs with a streaming parser,
 * so a thousand pages a second cost it little ({@code bench/run self-test} measures it).
 *
 * <p>One sink serves every benchmark of the JVM, on a fixed port (BENCH_SINK_PORT or the system property
 * bench.sink.port, default {@value #DEFAULT_PORT}; 0 for any)
 * so that it outlives each run and, across runs, each JVM: a page that arrives after its run has ended (late, or
 * retried) finds a receiver instead of a closed port. notification-service has one circuit breaker for all webhooks,
 * and failures to a vanished sink would open it and hold up the pages of the runs that follow. Each run asks only
 * about its own service's pages.
 */
final class PageSink {

    /** One page as it arrived. */
    record Page(String incidentId, String service, String deliveryId, int step, long arrivedNanos) {
    }

    static final int DEFAULT_PORT = 18089;
    private static final JsonFactory JSON = new JsonFactory();
    private static PageSink shared;

    private final HttpServer server;
    private final Map<String, List<Page>> byIncident = new ConcurrentHashMap<>();

    /** The JVM's sink, started on first use; it stops with {@link BenchVertx#close()}. */
    static synchronized PageSink get() throws Exception {
        if (shared == null) {
            String configured = System.getProperty("bench.sink.port", System.getenv("BENCH_SINK_PORT"));
            int port = configured == null || configured.isBlank() ? DEFAULT_PORT : Integer.parseInt(configured.trim());
            try {
                shared = new PageSink(port);
            } catch (ExecutionException portTaken) {
                System.err.printf("bench: port %d is taken; the page sink listens on a random port, and pages that"
                        + " arrive after their run will fail there (see bench/README.md)%n", port);
                shared = new PageSink(0);
            }
        }
        return shared;
    }

    private PageSink(int port) throws Exception {
        // HTTP/1.1 only: notification-service's java.net.http client offers an h2c upgrade, which Vert.x would
        // accept; webhook receivers in the wild (and the sink before this one) answer in HTTP/1.1.
        server = BenchVertx.get().createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                        .setAcceptBacklog(1000).setHttp2ClearTextEnabled(false))
                .requestHandler(request -> {
                    long arrived = System.nanoTime();
                    if (request.path().equals("/warm-up")) {
                        request.response().setStatusCode(204).end();
                        return;
                    }
                    if (!request.path().equals("/page")) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    request.body().onComplete(body -> {
                        if (body.failed()) {
                            request.response().setStatusCode(400).end();
                            return;
                        }
                        try {
                            record(parse(body.result().getBytes(), request.getHeader("X-Tocsin-Delivery"), arrived));
                            request.response().setStatusCode(204).end();
                        } catch (IOException notJson) {
                            request.response().setStatusCode(400).end();
                        }
                    });
                })
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void record(Page page) {
        if (page.incidentId() != null) {
            byIncident.computeIfAbsent(page.incidentId(), id -> new CopyOnWriteArrayList<>()).add(page);
        }
    }

    /** The page's incident, service and step, read as a stream (a page is a flat object plus a links array). */
    static Page parse(byte[] body, String deliveryId, long arrived) throws IOException {
        String incident = null;
        String service = null;
        int step = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("incidentId") && value == JsonToken.VALUE_STRING) {
                        incident = parser.getText();
                    } else if (name.equals("service") && value == JsonToken.VALUE_STRING) {
                        service = parser.getText();
                    } else if (name.equals("step") && value == JsonToken.VALUE_NUMBER_INT) {
                        step = parser.getIntValue();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return new Page(incident, service, deliveryId, step, arrived);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/page";
    }

    /** Answers 204 and records nothing: for warming up the load client before a measured run. */
    String warmUpUrl() {
        return "http://127.0.0.1:" + server.actualPort() + "/warm-up";
    }

    List<Page> pages(String incidentId) {
        return byIncident.getOrDefault(incidentId, List.of());
    }

    /** Incidents of {@code service} that got a page. */
    int incidentsPaged(String service) {
        return (int) byIncident.values().stream().filter(pages -> service.equals(pages.get(0).service())).count();
    }

    /** Incidents of {@code service} that got more than one distinct delivery: a page sent twice. */
    long pagedTwice(String service) {
        return byIncident.values().stream().filter(pages -> service.equals(pages.get(0).service()))
                .filter(pages -> pages.stream().map(Page::deliveryId).distinct().count() > 1).count();
    }
}
