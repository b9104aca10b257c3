package io.tocsin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The responder's webhook contact method: notification-service posts each page here, and the sink notes when it
 * arrived (System.nanoTime, the same clock the benchmark reads after each 202) and which delivery it was.
 */
final class PageSink implements AutoCloseable {

    /** One page as it arrived. */
    record Page(String incidentId, String deliveryId, int step, long arrivedNanos) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, List<Page>> byIncident = new ConcurrentHashMap<>();

    PageSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(threads);
        server.createContext("/page", exchange -> {
            long arrived = System.nanoTime();
            try (exchange) {
                JsonNode page = MAPPER.readTree(exchange.getRequestBody());
                String incident = page.path("incidentId").asText();
                byIncident.computeIfAbsent(incident, id -> new CopyOnWriteArrayList<>()).add(new Page(incident,
                        exchange.getRequestHeaders().getFirst("X-Tocsin-Delivery"), page.path("step").asInt(), arrived));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/page";
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
        server.stop(0);
        threads.shutdown();
    }
}
