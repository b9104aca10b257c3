package io.tocsin.e2e;

import io.tocsin.local.LocalKeys;
import io.tocsin.local.Ports;
import io.tocsin.local.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged services run in the prod profile, as on Kubernetes. Without a key every replica must share, a service
 * refuses to start and names each missing key, instead of running with a random one (signed intake then answers 500
 * after a restart or on the other replica, and one-tap links break). Only PostgreSQL runs (a service starts without
 * Kafka), on a free port: never a running `tocsin up`'s.
 */
class ProdKeysIT {

    private static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static Postgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = Postgres.start(Files.createTempDirectory("tocsin-prod-keys-").resolve("postgres"), Ports.free(), false);
        postgres.createDatabase("tocsin_incident");
        postgres.createDatabase("tocsin_notification");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void incidentServiceNamesEachMissingKey() throws Exception {
        String none = run("incident-service", Map.of(), false);
        assertTrue(none.contains("incident-service cannot start without TOCSIN_LINK_SECRET"), none);
        assertTrue(none.contains("TOCSIN_ROOM_LINK_SECRET") && none.contains("TOCSIN_SECRET_KEY"), none);
        String shortRoomKey = run("incident-service", Map.of("TOCSIN_SECRET_KEY", SECRET_KEY,
                "TOCSIN_LINK_SECRET", "one-tap-link-key-1234", "TOCSIN_ROOM_LINK_SECRET", "too-short"), false);
        assertTrue(shortRoomKey.contains("TOCSIN_ROOM_LINK_SECRET"), shortRoomKey);
        assertFalse(shortRoomKey.contains("without TOCSIN_SECRET_KEY") || shortRoomKey.contains("without TOCSIN_LINK_SECRET"),
                "the keys that are set are not named: " + shortRoomKey);
    }

    @Test
    void notificationServiceNamesEachMissingKey() throws Exception {
        String neither = run("notification-service", Map.of(), false);
        assertTrue(neither.contains("TOCSIN_LINK_SECRET") && neither.contains("TOCSIN_WEBHOOK_SECRET"), neither);
        String withoutWebhooks = run("notification-service", Map.of("TOCSIN_LINK_SECRET", "one-tap-link-key-1234"), false);
        assertTrue(withoutWebhooks.contains("cannot start without TOCSIN_WEBHOOK_SECRET"), withoutWebhooks);
        assertFalse(withoutWebhooks.contains("TOCSIN_LINK_SECRET"), "the key that is set is not named: " + withoutWebhooks);
        String shortLinkKey = run("notification-service", Map.of("TOCSIN_LINK_SECRET", "short",
                "TOCSIN_WEBHOOK_SECRET", "webhook-signing-key-1234"), false);
        assertTrue(shortLinkKey.contains("cannot start without TOCSIN_LINK_SECRET"), shortLinkKey);
    }

    @Test
    void withTheirKeysTheServicesStart() throws Exception {
        run("incident-service", Map.of("TOCSIN_SECRET_KEY", SECRET_KEY, "TOCSIN_LINK_SECRET", "one-tap-link-key-1234",
                "TOCSIN_ROOM_LINK_SECRET", "room-link-key-0123456789abcdef0123"), true);
        run("notification-service", Map.of("TOCSIN_LINK_SECRET", "one-tap-link-key-1234",
                "TOCSIN_WEBHOOK_SECRET", "webhook-signing-key-1234"), true);
    }

    /**
     * Runs the packaged service in the prod profile with only {@code keys} set. When {@code ready} is expected, waits
     * for readiness and stops it; otherwise waits for it to exit with an error. Returns its output.
     */
    private static String run(String service, Map<String, String> keys, boolean ready) throws Exception {
        Path jar = Path.of(System.getProperty("tocsin.root", ".."), service, "target", "quarkus-app", "quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " is missing: the e2e module runs after the services are packaged");
        Path log = Files.createTempFile("tocsin-prod-keys-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TOCSIN_") || name.startsWith("QUARKUS_"));
        Map<String, String> env = new HashMap<>(keys);
        int port = Ports.free();
        env.put("TOCSIN_DB_HOST", "127.0.0.1");
        env.put("TOCSIN_DB_PORT", String.valueOf(postgres.port()));
        env.put("TOCSIN_KAFKA_BOOTSTRAP", "127.0.0.1:" + Ports.free());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("TOCSIN_LOG_JSON", "false");
        env.put("TOCSIN_OIDC_PUBLIC_KEY", LocalKeys.encode(LocalKeys.generate().getPublic()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (ready) {
                HttpClient http = HttpClient.newHttpClient();
                URI readiness = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
                for (int i = 0; i < 600 && process.isAlive(); i++) {
                    try {
                        if (http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200) {
                            return read(log);
                        }
                    } catch (IOException starting) {
                        // not listening yet
                    }
                    Thread.sleep(500);
                }
                throw new AssertionError(service + " did not become ready: " + read(log));
            }
            // A failed start is logged at once; shutting down the Kafka clients afterwards takes a while, so the log
            // line is enough (the process is stopped below).
            // Five minutes, as for the stack's services: the first start migrates the database, slowly on a busy machine.
            for (int i = 0; i < 600 && process.isAlive() && !read(log).contains("Failed to start application"); i++) {
                Thread.sleep(500);
            }
            assertTrue(read(log).contains("Failed to start application"), service + " started: " + read(log));
            return read(log);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log);
    }
}
