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
import java.util.concurrent.TimeUnit;

/**
 * The responder's webhook contact method: notification-service posts each page here, and the sink notes when it
 * arrived (System.nanoTime, the same clock the benchmark reads after each 202) and which delivery it was. It runs on
 * a Vert.x event loop and reads only the two fields it needs with a streaming parser, so a thousand pages a second
 * cost it little ({@code bench/run self-test} measures it).
 */
final class PageSink implements AutoCloseable {

    /** One page as it arrived. */
    record Page(String incidentId, String deliveryId, int step, long arrivedNanos) {
    }

    private static final JsonFactory JSON = new JsonFactory();
    private final HttpServer server;
    private final Map<String, List<Page>> byIncident = new ConcurrentHashMap<>();

    PageSink() throws Exception {
        server = BenchVertx.get().createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setAcceptBacklog(1000))
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

    /** The page's incidentId and step, read as a stream (a page is a flat object plus a links array). */
    static Page parse(byte[] body, String deliveryId, long arrived) throws IOException {
        String incident = null;
        int step = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("incidentId") && value == JsonToken.VALUE_STRING) {
                        incident = parser.getText();
                    } else if (name.equals("step") && value == JsonToken.VALUE_NUMBER_INT) {
                        step = parser.getIntValue();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        return new Page(incident, deliveryId, step, arrived);
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

    int incidentsPaged() {
        return byIncident.size();
    }

    /** Incidents that got more than one distinct delivery: a page sent twice. */
    long pagedTwice() {
        return byIncident.values().stream()
                .filter(pages -> pages.stream().map(Page::deliveryId).distinct().count() > 1).count();
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
