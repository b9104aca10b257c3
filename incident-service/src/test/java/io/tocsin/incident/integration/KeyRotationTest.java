package io.tocsin.incident.integration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tocsin.incident.intake.service.Signatures;
import io.tocsin.incident.support.Integrations;
import io.tocsin.incident.support.KeysTestResource;
import io.tocsin.local.testing.TestDatabase;
import io.tocsin.local.testing.TocsinTestResource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing secrets at rest under a rotating master key. After a rotation (tocsin.integrations.secret-key is the new
 * key, previous-secret-keys the old one) secrets written under the old key, in the current format
 * ({@code v2:<key id>:<base64(iv ‖ AES-GCM)>}, the integration id as associated data) or in the format from before
 * key ids (plain base64, no associated data), still verify; new secrets are written under the new key and bound to
 * their integration. The ciphertexts here are made by the test itself, as the documented format says.
 */
@QuarkusTest
@QuarkusTestResource(TocsinTestResource.class)
@QuarkusTestResource(KeysTestResource.class)
class KeyRotationTest {

    @Test
    void secretsWrittenUnderThePreviousKeyOrBeforeKeyIdsStillVerify() throws Exception {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true));
        byte[] secret = integration.secret().getBytes(StandardCharsets.UTF_8);
        String id = integration.id();
        byte[] previous = KeysTestResource.previousKey();
        byte[] current = KeysTestResource.currentKey();

        for (String stored : new String[] {
                "v2:" + keyId(previous) + ":" + seal(previous, secret, id),  // written before the rotation
                seal(previous, secret, null),                                 // before key ids, under the old key
                seal(current, secret, null)}) {                               // before key ids, under today's key
            TestDatabase.execute("update integration set secret_ciphertext = ? where id = ?::uuid", stored, id);
            signed(integration.key(), integration.secret()).then().statusCode(202);
        }
    }

    @Test
    void secretsUnderAnOldKeyAreReencryptedUnderTheCurrentOneSoTheOldKeyCanGo() throws Exception {
        Integrations.Created integration = Integrations.create("generic", Map.of("signed", true));
        byte[] secret = integration.secret().getBytes(StandardCharsets.UTF_8);
        byte[] previous = KeysTestResource.previousKey();
        TestDatabase.execute("update integration set secret_ciphertext = ?, previous_secret_ciphertext = ? where id = ?::uuid",
                seal(previous, secret, null), "v2:" + keyId(previous) + ":" + seal(previous, secret, integration.id()),
                integration.id());
        String prefix = "v2:" + keyId(KeysTestResource.currentKey()) + ":";
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("select count(*) from integration "
                + "where id = ?::uuid and secret_ciphertext like ? and previous_secret_ciphertext like ?",
                integration.id(), prefix + "%", prefix + "%") == 1);
        String stored = column(integration.id());
        assertEquals(integration.secret(), new String(open(KeysTestResource.currentKey(), stored.substring(prefix.length()),
                integration.id()), StandardCharsets.UTF_8));
        signed(integration.key(), integration.secret()).then().statusCode(202);
    }

    @Test
    void newSecretsAreWrittenUnderTheCurrentKeyAndBoundToTheirIntegration() throws Exception {
        Integrations.Created a = Integrations.create("generic", Map.of("signed", true));
        Integrations.Created b = Integrations.create("generic", Map.of("signed", true));
        String stored = column(a.id());
        String prefix = "v2:" + keyId(KeysTestResource.currentKey()) + ":";
        assertTrue(stored.startsWith(prefix), stored);
        assertEquals(a.secret(), new String(open(KeysTestResource.currentKey(), stored.substring(prefix.length()), a.id()),
                StandardCharsets.UTF_8));

        // A's ciphertext copied onto B does not give B A's secret: it does not decrypt under B's id.
        TestDatabase.execute("update integration set secret_ciphertext = ? where id = ?::uuid", stored, b.id());
        int status = signed(b.key(), a.secret()).then().extract().statusCode();
        assertNotEquals(202, status, "a moved ciphertext must not verify");
        assertEquals(0, TestDatabase.count("select count(*) from incident where integration_id = ?::uuid", b.id()));
    }

    private static String column(String id) {
        return TestDatabase.text("select secret_ciphertext from integration where id = ?::uuid", id);
    }

    private static io.restassured.response.Response signed(String key, String secret) {
        String body = "{\"summary\":\"rotated\",\"dedup_key\":\"rot-" + UUID.randomUUID() + "\"}";
        String ts = String.valueOf(Instant.now().getEpochSecond());
        String signature = Signatures.hmacHex(secret.getBytes(StandardCharsets.UTF_8),
                (ts + "." + body).getBytes(StandardCharsets.UTF_8));
        return given().contentType(ContentType.JSON).header("X-Tocsin-Timestamp", ts)
                .header("X-Tocsin-Signature", "v1=" + signature).body(body)
                .post("/api/v1/integrations/" + key + "/generic");
    }

    /** The documented key id: the first 8 hex digits of SHA-256 of the key. */
    private static String keyId(byte[] key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
    }

    /** base64(iv ‖ AES-256-GCM(key, plain)), with the integration id as associated data unless null. */
    private static String seal(byte[] key, byte[] plain, String integrationId) throws Exception {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        if (integrationId != null) {
            cipher.updateAAD(integrationId.getBytes(StandardCharsets.UTF_8));
        }
        byte[] sealed = cipher.doFinal(plain);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
    }

    private static byte[] open(byte[] key, String base64, String integrationId) throws Exception {
        byte[] all = Base64.getDecoder().decode(base64);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, 12));
        cipher.updateAAD(integrationId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(all, 12, all.length - 12);
    }
}
