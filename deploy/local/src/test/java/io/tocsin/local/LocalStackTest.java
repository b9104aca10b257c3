package io.tocsin.local;

import io.tocsin.local.testing.TestInfrastructure;
import io.tocsin.local.testing.TestKafka;
import io.tocsin.local.testing.TestMail;
import io.tocsin.local.testing.TestTokens;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real servers the whole test suite stands on: each one answers as the real thing would. */
class LocalStackTest {

    @Test
    void postgresIsARealServerOfAtLeastVersion16() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + TestInfrastructure.setting("pg.port") + "/tocsin", "postgres", "postgres");
             ResultSet result = connection.createStatement().executeQuery("show server_version_num")) {
            result.next();
            assertTrue(result.getInt(1) >= 160000, "PostgreSQL 16 or newer");
        }
    }

    @Test
    void kafkaKeepsMessagesAcrossABrokerRestart() throws Exception {
        String key = UUID.randomUUID().toString();
        TestKafka.send("tocsin.status-events", key, "before");
        int port = Integer.parseInt(TestInfrastructure.setting("kafka.port"));
        TestInfrastructure.stopKafka();
        assertFalse(Ports.accepting(port), "the broker is really down");
        TestInfrastructure.startKafka();
        TestKafka.send("tocsin.status-events", key, "after");
        List<String> values = TestKafka.await("tocsin.status-events", r -> key.equals(r.key()), 2, Duration.ofSeconds(30))
                .stream().map(r -> r.value()).toList();
        assertEquals(List.of("before", "after"), values);
    }

    @Test
    void mailSentOverSmtpIsReadableOverImap() throws Exception {
        String to = "oncall-" + UUID.randomUUID() + "@example.test";
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", TestInfrastructure.setting("smtp.port"));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("tocsin@localhost"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("[P1] checkout-api: error rate 45%");
        message.setText("Acknowledge within 15 minutes.");
        Transport.send(message);
        List<TestMail.Mail> inbox = TestMail.inbox(to);
        assertEquals(1, inbox.size());
        assertEquals("[P1] checkout-api: error rate 45%", inbox.get(0).subject());
        assertTrue(inbox.get(0).body().contains("15 minutes"));
    }

    @Test
    void tokensAreSignedJwtsWithTheClaimsServicesCheck() throws Exception {
        String token = TestTokens.token("alice", "responder", "incident-commander");
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"iss\":\"tocsin-local\""));
        assertTrue(claims.contains("\"aud\":\"tocsin\""));
        assertTrue(claims.contains("\"exp\":"));
        assertTrue(claims.contains("\"groups\":[\"responder\",\"incident-commander\"]"));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(LocalKeys.publicKey(TestInfrastructure.setting("oidc.public-key")));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
}
