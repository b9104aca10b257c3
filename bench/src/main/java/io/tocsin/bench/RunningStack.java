package io.tocsin.bench;

import io.tocsin.local.LocalKeys;
import io.tocsin.local.LocalStack;
import io.tocsin.local.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/** The stack that `deploy/local/tocsin up` started: where its services listen, and tokens signed with its key. */
record RunningStack(Path home, String incidentUrl, String escalationUrl, String notificationUrl, int imapPort,
                    long kafkaPid, int pgPort, KeyPair keys) {

    static RunningStack find() throws IOException {
        String configured = System.getenv("TOCSIN_HOME");
        Path home = Path.of(configured == null || configured.isBlank() ? ".tocsin" : configured).toAbsolutePath();
        Path env = home.resolve("run").resolve("infra.env");
        Path holder = home.resolve("run").resolve("infra.pid");
        // infra.env outlives a `tocsin down`; the holder's pid file does not, and its process must be alive.
        if (!Files.exists(env) || !Files.exists(holder) || !Files.exists(home.resolve("keys").resolve("token-signing-key.pub"))
                || ProcessHandle.of(Long.parseLong(Files.readString(holder).trim())).isEmpty()) {
            throw new IllegalStateException("No running stack in " + home + ": start it with deploy/local/tocsin up");
        }
        Properties infra = new Properties();
        try (var reader = Files.newBufferedReader(env)) {
            infra.load(reader);
        }
        int base = LocalStack.servicePortBase();
        return new RunningStack(home, "http://127.0.0.1:" + base, "http://127.0.0.1:" + (base + 1), "http://127.0.0.1:" + (base + 2),
                Integer.parseInt(infra.getProperty("IMAP_PORT")), Long.parseLong(infra.getProperty("KAFKA_PID")),
                Integer.parseInt(infra.getProperty("PG_PORT")), LocalKeys.loadOrCreate(home.resolve("keys")));
    }

    String token(String user, String... roles) {
        return Tokens.sign(keys.getPrivate(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, user,
                user + "@example.test", List.of(roles), Instant.now(), Instant.now().plus(Duration.ofHours(1))));
    }

    /** notification-service's management interface (/q/metrics), as tocsin up configures it: its port + 1000. */
    String notificationManagementUrl() {
        return "http://127.0.0.1:" + (LocalStack.servicePortBase() + 2 + 1000);
    }
}
