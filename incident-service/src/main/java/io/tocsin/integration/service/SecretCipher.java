package io.tocsin.integration.service;

import io.quarkus.logging.Log;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts integration signing secrets at rest (AES-256-GCM). Unlike keys, secrets cannot be hashed: verifying an
 * HMAC needs the secret itself. The key comes from {@code tocsin.integrations.secret-key} (base64, 32 bytes);
 * without one a random key is used and secrets do not survive a restart, which is said loudly.
 */
@ApplicationScoped
public class SecretCipher {

    /** An instance field, not a static one: a static SecureRandom would be seeded at native-image build time. */
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SecretCipher(@ConfigProperty(name = "tocsin.integrations.secret-key") Optional<String> configured) {
        byte[] bytes;
        if (configured.isPresent() && !configured.get().isBlank()) {
            bytes = Base64.getDecoder().decode(configured.get().trim());
            if (bytes.length != 32) {
                throw new IllegalStateException("tocsin.integrations.secret-key must be 32 bytes, base64");
            }
        } else {
            Log.warn("tocsin.integrations.secret-key is not set: integration signing secrets will not survive a restart");
            bytes = new byte[32];
            random.nextBytes(bytes);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public byte[] newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    public String encrypt(byte[] secret) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(secret);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] decrypt(String stored) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            return cipher.doFinal(all, 12, all.length - 12);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("An integration secret cannot be decrypted with the configured key", e);
        }
    }
}
