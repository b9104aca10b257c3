package io.tocsin.local.testing;

import io.tocsin.local.KafkaBroker;
import io.tocsin.local.LocalKeys;
import io.tocsin.local.LocalStack;
import io.tocsin.local.MailServer;
import io.tocsin.local.Ports;
import io.tocsin.local.Postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real PostgreSQL, Kafka broker and SMTP server that tests run against, started once per test JVM on free
 * ports. Quarkus may load this class in several class loaders (one per test profile), so the "already started"
 * state and the connection settings live in system properties, which every loader shares.
 */
public final class TestInfrastructure {

    static final String PREFIX = "tocsin.test.";
    private static final String STARTED = PREFIX + "started";

    private TestInfrastructure() {
    }

    /** Starts everything on first call; later calls (from any class loader) return the same settings. */
    public static synchronized Map<String, String> settings() {
        synchronized (System.getProperties()) {
            if (System.getProperty(STARTED) == null) {
                startAll();
                System.setProperty(STARTED, "true");
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(PREFIX))
                .forEach(name -> settings.put(name.substring(PREFIX.length()), System.getProperty(name)));
        return settings;
    }

    public static String setting(String name) {
        String value = settings().get(name);
        if (value == null) {
            throw new IllegalStateException("No test setting " + name);
        }
        return value;
    }

    private static void startAll() {
        try {
            Path root = Files.createTempDirectory("tocsin-test-");
            Postgres postgres = Postgres.start(root.resolve("postgres"), Ports.free(), false);
            postgres.createDatabase("tocsin");
            int controllerPort = Ports.free();
            KafkaBroker kafka = new KafkaBroker(root.resolve("kafka"), Ports.free(), controllerPort);
            kafka.start();
            kafka.createTopics(LocalStack.TOPICS, 3);
            MailServer mail = MailServer.start(Ports.free(), Ports.free());
            KeyPair keys = LocalKeys.generate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                mail.close();
                stopKafka();
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("Stopping PostgreSQL: " + e);
                }
            }, "tocsin-test-infra-stop"));
            set("pg.port", String.valueOf(postgres.port()));
            set("pg.dir", root.resolve("postgres").toString());
            set("kafka.bootstrap", kafka.bootstrapServers());
            set("kafka.dir", root.resolve("kafka").toString());
            set("kafka.port", String.valueOf(kafka.port()));
            set("kafka.controller-port", String.valueOf(controllerPort));
            set("kafka.pid", String.valueOf(kafka.pid()));
            set("smtp.port", String.valueOf(mail.smtpPort()));
            set("imap.port", String.valueOf(mail.imapPort()));
            set("oidc.public-key", LocalKeys.encode(keys.getPublic()));
            set("oidc.private-key", LocalKeys.encode(keys.getPrivate()));
            set("run-id", UUID.randomUUID().toString().substring(0, 8));
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("Cannot start the test infrastructure", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the Kafka broker (a real outage: its process ends), keeping its data. */
    public static void stopKafka() {
        ProcessHandle.of(Long.parseLong(setting("kafka.pid"))).ifPresent(broker -> {
            broker.destroy();
            try {
                broker.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                broker.destroyForcibly();
            }
        });
    }

    /** Starts the broker again on the same ports and data after {@link #stopKafka()}. */
    public static void startKafka() {
        KafkaBroker kafka = new KafkaBroker(Path.of(setting("kafka.dir")), Integer.parseInt(setting("kafka.port")),
                Integer.parseInt(setting("kafka.controller-port")));
        try {
            kafka.start();
        } catch (IOException e) {
            throw new IllegalStateException("Kafka did not restart", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        set("kafka.pid", String.valueOf(kafka.pid()));
    }

    /**
     * Stops PostgreSQL the way an outage would (fast shutdown: connections drop) and returns a way to start it again
     * with the same data and port. The server runs under {@code unshare -U} as root, so it is restarted the same way.
     */
    public static Runnable stopPostgres() {
        Path dataDir = Path.of(setting("pg.dir"));
        try {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            List<String> command = new ArrayList<>(List.of(new String(java.nio.file.Files.readAllBytes(
                    Path.of("/proc", String.valueOf(pid), "cmdline")), java.nio.charset.StandardCharsets.UTF_8).split("\0")));
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor();
            postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            return () -> startPostgres(command, dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop PostgreSQL", e);
        }
    }

    private static void startPostgres(List<String> command, Path dataDir) {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        try {
            new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("postgres-restart.log").toFile()))
                    .start();
            int port = Integer.parseInt(setting("pg.port"));
            for (int i = 0; i < 300 && !io.tocsin.local.Ports.accepting(port); i++) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot restart PostgreSQL", e);
        }
    }

    private static void set(String name, String value) {
        System.setProperty(PREFIX + name, value);
    }
}
