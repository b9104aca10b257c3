package io.tocsin.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the launcher classpath used by {@code deploy/local/tocsin}.
 *
 * <ul>
 *   <li>{@code infra}: the long-lived holder process. Starts PostgreSQL (embedded, data kept across restarts),
 *       a Kafka broker (its own process) and GreenMail; writes {@code run/infra.env} for the script; stops
 *       them all when it is terminated.</li>
 *   <li>{@code token <user> <role...>}: prints a bearer token signed with the stack's local key.</li>
 * </ul>
 * Settings come from environment variables ({@code TOCSIN_HOME}, {@code TOCSIN_PG_PORT}, ...; see the README).
 */
public final class LocalStack {

    public static final List<String> DATABASES = List.of("tocsin_incident", "tocsin_escalation",
            "tocsin_notification", "tocsin_status");
    public static final List<String> TOPICS = List.of("tocsin.incident-events", "tocsin.escalation-events",
            "tocsin.notification-requests", "tocsin.notification-events", "tocsin.status-events", "tocsin.person-events");

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "infra" -> infra();
            case "token" -> token(rest);
            case "demo" -> demo(rest);
            default -> {
                System.err.println("usage: LocalStack infra | token <user> <role...> | demo [level-delay-seconds]");
                System.exit(2);
            }
        }
    }

    private static void infra() throws Exception {
        Path home = home();
        Path run = Files.createDirectories(home.resolve("run"));
        Files.deleteIfExists(run.resolve("infra.ready"));
        KeyPair keys = LocalKeys.loadOrCreate(home.resolve("keys"));
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started, run), "tocsin-local-stop"));

        String pgHost = env("TOCSIN_PG_HOST", null);
        int pgPort = Integer.parseInt(env("TOCSIN_PG_PORT", "15432"));
        if (pgHost == null) {
            Postgres postgres = Postgres.start(home.resolve("postgres"), pgPort, true);
            started.add(postgres);
            for (String database : DATABASES) {
                postgres.createDatabase(database);
            }
            pgHost = "127.0.0.1";
            log("PostgreSQL on 127.0.0.1:" + pgPort + " (databases " + String.join(", ", DATABASES) + ")");
        } else {
            log("Using the external PostgreSQL at " + pgHost + ":" + pgPort);
        }

        KafkaBroker kafka = new KafkaBroker(home.resolve("kafka"),
                Integer.parseInt(env("TOCSIN_KAFKA_PORT", "19092")),
                Integer.parseInt(env("TOCSIN_KAFKA_CONTROLLER_PORT", "19093")));
        kafka.start();
        started.add(kafka);
        kafka.createTopics(TOPICS, 3);
        log("Kafka on " + kafka.bootstrapServers() + " (pid " + kafka.pid() + ", log " + kafka.logFile() + ")");

        MailServer mail = MailServer.start(Integer.parseInt(env("TOCSIN_SMTP_PORT", "3025")),
                Integer.parseInt(env("TOCSIN_IMAP_PORT", "3143")));
        started.add(mail);
        log("SMTP on 127.0.0.1:" + mail.smtpPort() + ", IMAP on 127.0.0.1:" + mail.imapPort());

        // intake over HTTPS too (PagerDuty client libraries always use https): the stack's own CA signs a certificate.
        LocalCa.Material tls = LocalCa.loadOrCreate(home.resolve("keys"));
        log("TLS: clients trust " + tls.caPem() + " (the local CA) for https://127.0.0.1:" + (servicePortBase() + 362));
        Files.writeString(run.resolve("infra.env"), String.join("\n",
                "PG_HOST=" + pgHost,
                "PG_PORT=" + pgPort,
                "KAFKA_BOOTSTRAP=" + kafka.bootstrapServers(),
                "KAFKA_PID=" + kafka.pid(),
                "SMTP_PORT=" + mail.smtpPort(),
                "IMAP_PORT=" + mail.imapPort(),
                "OIDC_PUBLIC_KEY=" + LocalKeys.encode(keys.getPublic()),
                "SECRET_KEY=" + LocalKeys.loadOrCreateSecret(home.resolve("keys").resolve("integration-secrets.key")),
                "LINK_SECRET=" + LocalKeys.loadOrCreateSecret(home.resolve("keys").resolve("one-tap-links.key")),
                "WEBHOOK_SECRET=" + LocalKeys.loadOrCreateSecret(home.resolve("keys").resolve("outgoing-webhooks.key")),
                "TLS_KEYSTORE=" + tls.serverKeyStore().toAbsolutePath(),
                "TLS_KEYSTORE_PASSWORD=" + tls.password(),
                "TLS_CA=" + tls.caPem().toAbsolutePath(),
                "ROOM_LINK_SECRET=" + LocalKeys.loadOrCreateSecret(home.resolve("keys").resolve("room-links.key")),
                ""));
        // notification-service's identity towards incident-service: a token lives 12 h, the stack longer, so the
        // token file is rewritten every hour and the service reads it again when it changed.
        Path serviceToken = run.resolve("service-token");
        writeServiceToken(keys, serviceToken);
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tocsin-service-token");
            thread.setDaemon(true);
            return thread;
        }).scheduleAtFixedRate(() -> writeServiceToken(keys, serviceToken), 1, 1, TimeUnit.HOURS);

        Files.writeString(run.resolve("infra.ready"), Instant.now().toString());
        log("Infrastructure ready");
        new CountDownLatch(1).await();
    }

    /** Replaces the file in one step, so a reader never sees half a token. */
    static void writeServiceToken(KeyPair keys, Path file) {
        Instant now = Instant.now();
        String token = Tokens.sign(keys.getPrivate(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE,
                "notification-service", "notification-service", null, List.of("service"), now,
                now.plus(Duration.ofHours(12))));
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, token);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log("Could not renew the service token in " + file + ": " + e);
        }
    }

    private static void token(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: tocsin token <user> <role...>   (roles: responder incident-commander admin stakeholder)");
            System.exit(2);
        }
        KeyPair keys = LocalKeys.loadOrCreate(home().resolve("keys"));
        Instant now = Instant.now();
        String user = args[0];
        List<String> roles = List.of(Arrays.copyOfRange(args, 1, args.length));
        System.out.println(Tokens.sign(keys.getPrivate(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE,
                user, user, user + "@example.test", roles, now, now.plus(Duration.ofHours(12)))));
    }

    /** The end-to-end story against the running stack (`tocsin demo`), printing each step. */
    private static void demo(String[] args) throws Exception {
        Path home = home();
        java.util.Properties infra = new java.util.Properties();
        try (var reader = Files.newBufferedReader(home.resolve("run").resolve("infra.env"))) {
            infra.load(reader);
        }
        KeyPair keys = LocalKeys.loadOrCreate(home.resolve("keys"));
        Duration levelDelay = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        int base = servicePortBase();
        io.tocsin.local.demo.Tour.Target target = new io.tocsin.local.demo.Tour.Target(
                "http://127.0.0.1:" + base, "http://127.0.0.1:" + (base + 1), "http://127.0.0.1:" + (base + 2),
                "http://127.0.0.1:" + (base + 3),
                Integer.parseInt(infra.getProperty("IMAP_PORT")),
                (user, roles) -> Tokens.sign(keys.getPrivate(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE,
                        user, user, user + "@example.test", List.of(roles), Instant.now(),
                        Instant.now().plus(Duration.ofHours(1)))));
        try {
            new io.tocsin.local.demo.Tour(target, levelDelay, System.out).run();
        } catch (AssertionError e) {
            System.out.println("    ✗ " + e.getMessage());
            System.exit(1);
        }
    }

    private static void stopAll(List<AutoCloseable> started, Path run) {
        try {
            Files.deleteIfExists(run.resolve("infra.ready"));
        } catch (IOException ignored) {
            // best effort: the script checks the process, not only the marker
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e);
            }
        }
    }

    /** incident-service's port; escalation, notification and status listen on the three after it (tocsin up). */
    public static int servicePortBase() {
        return Integer.parseInt(env("TOCSIN_PORT_BASE", "8081"));
    }

    private static Path home() {
        return Path.of(env("TOCSIN_HOME", ".tocsin")).toAbsolutePath();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }
}
