package io.tocsin.notification.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for incident-service's action API ({@code POST /api/v1/incidents/{id}/acknowledge|resolve}) as its
 * contract describes it: bearer service token required, 200 with the incident's status, 404 for an incident it
 * was told is unknown, 409 problem+json for acknowledging a resolved one, and a 500 when a test wants an outage.
 * It records every request so tests can check what notification-service sent.
 */
public final class IncidentStandIn {

    public static final String TOKEN = "test-service-token";

    /** One request as received: method, path, Authorization header and body. */
    public record Received(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Incident id → behaviour: "404", "409", "500". Absent: 200. */
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();

    private IncidentStandIn(HttpServer server) {
        this.server = server;
    }

    public static IncidentStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        IncidentStandIn standIn = new IncidentStandIn(server);
        server.createContext("/api/v1/incidents/", standIn::handle);
        server.start();
        return standIn;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return received;
    }

    public void behave(String incidentId, String how) {
        if (how == null) {
            behaviour.remove(incidentId);
        } else {
            behaviour.put(incidentId, how);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), path, authorization, body));
        String[] parts = path.split("/");
        // /api/v1/incidents/{id}/{action}
        if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 6) {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        if (!("Bearer " + TOKEN).equals(authorization)) {
            respond(exchange, 401, "application/problem+json", "{\"status\":401}");
            return;
        }
        String incident = parts[4];
        String action = parts[5];
        switch (behaviour.getOrDefault(incident, "200")) {
            case "404" -> respond(exchange, 404, "application/problem+json", "{\"status\":404,\"title\":\"Not Found\"}");
            case "409" -> respond(exchange, 409, "application/problem+json",
                    "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"The incident is resolved\"}");
            case "500" -> respond(exchange, 500, "application/problem+json", "{\"status\":500}");
            default -> respond(exchange, 200, "application/json", "{\"id\":\"" + incident + "\",\"status\":\""
                    + ("resolve".equals(action) ? "RESOLVED" : "ACKNOWLEDGED") + "\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
