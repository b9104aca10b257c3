package io.tocsin.incident.integration.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Master-key rotation and integration binding of secrets at rest, without a database. */
class SecretCipherTest {

    private static final byte[] SECRET = "whsec_abc".getBytes(StandardCharsets.UTF_8);

    @Test
    void afterARotationOldSecretsReadAndNewOnesAreWrittenUnderTheNewKey() {
        byte[] oldKey = key();
        byte[] newKey = key();
        UUID integration = UUID.randomUUID();
        String before = new SecretCipher(oldKey, List.of()).encrypt(integration, SECRET);
        assertTrue(before.startsWith("v2:" + SecretCipher.keyId(oldKey) + ":"), before);

        SecretCipher rotated = new SecretCipher(newKey, List.of(oldKey));
        assertArrayEquals(SECRET, rotated.decrypt(integration, before));
        String after = rotated.encrypt(integration, SECRET);
        assertTrue(after.startsWith("v2:" + SecretCipher.keyId(newKey) + ":"), after);
        assertNotEquals(rotated.encrypt(integration, SECRET), after, "a fresh IV every time");

        // Once the old key is dropped, what it wrote is named as unreadable rather than silently wrong.
        IllegalStateException gone = assertThrows(IllegalStateException.class,
                () -> new SecretCipher(newKey, List.of()).decrypt(integration, before));
        assertTrue(gone.getMessage().contains(SecretCipher.keyId(oldKey)), gone.getMessage());
    }

    @Test
    void aCiphertextMovedToAnotherIntegrationOrTamperedWithDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(key(), List.of());
        UUID a = UUID.randomUUID();
        String sealed = cipher.encrypt(a, SECRET);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(UUID.randomUUID(), sealed));
        // One bit of the sealed bytes flipped (decoded first: a base64 character's low bits may be padding).
        int colon = sealed.lastIndexOf(':');
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(colon + 1));
        bytes[bytes.length / 2] ^= 1;
        String tampered = sealed.substring(0, colon + 1) + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(a, tampered));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(a, "v2:00000000:AAAA"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(a, "not base64 at all"));
    }

    @Test
    void keysMustBe32Bytes() {
        assertThrows(IllegalStateException.class, () -> new SecretCipher(new byte[16], List.of()));
        assertThrows(IllegalStateException.class, () -> new SecretCipher(key(), List.of(new byte[31])));
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
