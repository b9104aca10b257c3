package io.tocsin.notification.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Starts the SMTP cable and the incident-service stand-in once per JVM and lets tests control them. Quarkus may
 * load test classes and the test resource in different class loaders, so instead of sharing objects, the settings
 * are string system properties and control goes through a small HTTP endpoint on localhost.
 */
public final class StandIns {

    private static final String PREFIX = "tocsin.test.notification.";

    private StandIns() {
    }

    static synchronized void startOnce(int smtpPort) throws IOException {
        if (System.getProperty(PREFIX + "control") != null) {
            return;
        }
        SmtpCable cable = SmtpCable.start(smtpPort);
        IncidentStandIn incident = IncidentStandIn.start();
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/smtp/cut", exchange -> {
            cable.cut();
            reply(exchange, "ok");
        });
        control.createContext("/smtp/restore", exchange -> {
            cable.restore();
            reply(exchange, "ok");
        });
        control.createContext("/incident/behave", exchange -> {
            String[] query = exchange.getRequestURI().getQuery().split("&");
            String id = query[0].substring("id=".length());
            String how = query.length > 1 ? query[1].substring("how=".length()) : null;
            incident.behave(id, how);
            reply(exchange, "ok");
        });
        control.createContext("/incident/received", exchange -> {
            StringBuilder all = new StringBuilder();
            for (IncidentStandIn.Received r : incident.received()) {
                all.append(String.join("\t", r.method(), r.path(), String.valueOf(r.authorization()),
                        r.body().replace('\n', ' '))).append('\n');
            }
            reply(exchange, all.toString());
        });
        control.start();
        System.setProperty(PREFIX + "smtp-port", String.valueOf(cable.port()));
        System.setProperty(PREFIX + "incident-url", incident.url());
        System.setProperty(PREFIX + "control", "http://127.0.0.1:" + control.getAddress().getPort());
    }

    static int smtpCablePort() {
        return Integer.parseInt(System.getProperty(PREFIX + "smtp-port"));
    }

    static String incidentUrl() {
        return System.getProperty(PREFIX + "incident-url");
    }

    /** SMTP becomes unreachable (connection refused). */
    public static void cutSmtp() {
        call("/smtp/cut");
    }

    public static void restoreSmtp() {
        call("/smtp/restore");
    }

    /** How the stand-in answers for one incident: "404", "409", "500", or null for 200. */
    public static void incidentBehaves(String incidentId, String how) {
        call("/incident/behave?id=" + incidentId + (how == null ? "" : "&how=" + URLEncoder.encode(how, StandardCharsets.UTF_8)));
    }

    /** Requests the stand-in received: {method, path, authorization, body}. */
    public static List<String[]> incidentRequests() {
        String all = call("/incident/received");
        return Arrays.stream(all.split("\n")).filter(line -> !line.isBlank()).map(line -> line.split("\t", 4)).toList();
    }

    private static String call(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(System.getProperty(PREFIX + "control") + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
