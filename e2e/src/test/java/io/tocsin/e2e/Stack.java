package io.tocsin.e2e;

import io.tocsin.local.KafkaBroker;
import io.tocsin.local.LocalKeys;
import io.tocsin.local.LocalStack;
import io.tocsin.local.MailServer;
import io.tocsin.local.Ports;
import io.tocsin.local.Postgres;
import io.tocsin.local.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole product as a user runs it: real PostgreSQL, Kafka and SMTP on free ports (never a running
 * `tocsin up`'s), and the four packaged services as separate processes configured to them.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("incident-service", "escalation-service", "notification-service",
            "status-service");

    final Path home;
    final Postgres postgres;
    final KafkaBroker kafka;
    final MailServer mail;
    final KeyPair keys;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each service's management interface (/q/metrics, /q/openapi). */
    final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    /** The environment every process of a service gets but its own ports (see {@link #replica}). */
    private final Map<String, Map<String, String>> environments = new LinkedHashMap<>();

    private Stack(Path home, Postgres postgres, KafkaBroker kafka, MailServer mail, KeyPair keys) {
        this.home = home;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
        this.keys = keys;
    }

    /** Starts everything; {@code extra} are environment variables for all services (e.g. shortened timers). */
    static Stack start(Map<String, String> extra) throws Exception {
        Path home = Files.createTempDirectory("tocsin-e2e-");
        Postgres postgres = Postgres.start(home.resolve("postgres"), Ports.free(), false);
        for (String database : LocalStack.DATABASES) {
            postgres.createDatabase(database);
        }
        KafkaBroker kafka = new KafkaBroker(home.resolve("kafka"), Ports.free(), Ports.free());
        kafka.start();
        kafka.createTopics(LocalStack.TOPICS, 3);
        MailServer mail = MailServer.start(Ports.free(), Ports.free());
        Stack stack = new Stack(home, postgres, kafka, mail, LocalKeys.generate());
        try {
            for (String service : SERVICES) {
                stack.ports.put(service, Ports.free());
                stack.managementPorts.put(service, Ports.free());
            }
            // As `tocsin up` does: notification-service's identity in a file the platform keeps fresh.
            Path serviceToken = home.resolve("service-token");
            Files.writeString(serviceToken, stack.token("notification-service", "service"));
            byte[] secretKey = new byte[32];
            new java.security.SecureRandom().nextBytes(secretKey);
            for (String service : SERVICES) {
                Map<String, String> env = new HashMap<>();
                env.put("TOCSIN_DB_HOST", "127.0.0.1");
                env.put("TOCSIN_DB_PORT", String.valueOf(postgres.port()));
                env.put("TOCSIN_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
                env.put("TOCSIN_SMTP_HOST", "127.0.0.1");
                env.put("TOCSIN_SMTP_PORT", String.valueOf(mail.smtpPort()));
                env.put("TOCSIN_OIDC_PUBLIC_KEY", LocalKeys.encode(stack.keys.getPublic()));
                env.put("TOCSIN_SECRET_KEY", Base64.getEncoder().encodeToString(secretKey));
                env.put("TOCSIN_LINK_SECRET", Base64.getEncoder().encodeToString(secretKey) + "-links");
                env.put("TOCSIN_WEBHOOK_SECRET", Base64.getEncoder().encodeToString(secretKey) + "-webhooks");
                env.put("TOCSIN_ROOM_LINK_SECRET", Base64.getEncoder().encodeToString(secretKey) + "-room-links");
                env.put("TOCSIN_SERVICE_TOKEN_FILE", serviceToken.toString());
                env.put("TOCSIN_LOG_JSON", "false");
                env.put("TOCSIN_INCIDENT_URL", stack.url("incident-service"));
                // Links in mails and pages point at the service that serves them (one host on Kubernetes).
                env.put("TOCSIN_PUBLIC_URL", stack.url(service));
                env.putAll(extra);
                stack.environments.put(service, env);
                stack.launch(service, service, stack.ports.get(service), stack.managementPorts.get(service));
            }
            for (int i = 0; i < SERVICES.size(); i++) {
                String service = SERVICES.get(i);
                stack.awaitReady(service, stack.processes.get(i), stack.ports.get(service), Duration.ofSeconds(300));
            }
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e;
        }
    }

    String url(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    String token(String user, String... roles) {
        Instant now = Instant.now();
        return Tokens.sign(keys.getPrivate(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, user,
                user + "@example.test", List.of(roles), now, now.plus(Duration.ofHours(1))));
    }

    Path log(String service) {
        return home.resolve(service + ".log");
    }

    /**
     * Starts one more process of {@code service} on ports of its own, configured like the first (same database,
     * broker and consumer groups, as a second Kubernetes pod would be), and waits until it is ready.
     * {@link Process#destroy()} stops it as Kubernetes stops a pod: SIGTERM, then a graceful shutdown.
     */
    Process replica(String service) throws Exception {
        String name = service + "-2";
        int port = Ports.free();
        Process process = launch(service, name, port, Ports.free());
        awaitReady(name, process, port, Duration.ofSeconds(300));
        return process;
    }

    private Process launch(String service, String name, int port, int managementPort) throws IOException {
        Path jar = Path.of(System.getProperty("tocsin.root", ".."), service, "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the e2e module runs after the services are packaged");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().putAll(environments.get(service));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /** Waits until the process answers ready; fails at once, with its log, when it exited instead. */
    private void awaitReady(String name, Process process, int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready; log:\n"
                        + tail(name));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; log:\n" + tail(name));
    }

    private String tail(String name) throws IOException {
        List<String> lines = Files.readAllLines(log(name));
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        mail.close();
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Stopping PostgreSQL: " + e);
        }
        // The logs stay for a failed run to be read; the broker's data and the token go.
        try {
            Files.deleteIfExists(home.resolve("service-token"));
            deleteTree(home.resolve("kafka").resolve("data"));
        } catch (IOException e) {
            System.err.println("Cleaning " + home + ": " + e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
