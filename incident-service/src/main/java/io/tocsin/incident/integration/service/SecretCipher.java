package io.tocsin.incident.integration.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts integration signing secrets at rest. Unlike keys, secrets cannot be hashed: verifying an HMAC needs the
 * secret itself. AES-256-GCM under a master key, stored as {@code v2:<key id>:<base64(iv ‖ ciphertext)>} with the
 * integration's id as associated data, so a ciphertext copied onto another integration does not decrypt. The key id
 * (the first 8 hex digits of SHA-256 of the key) names the master key that wrote it, so the key can be rotated:
 * {@code tocsin.integrations.secret-key} (env TOCSIN_SECRET_KEY) writes and reads,
 * {@code tocsin.integrations.previous-secret-keys} (TOCSIN_PREVIOUS_SECRET_KEYS) only read. Secrets written before
 * key ids (plain base64, no associated data) are read with each configured key in turn.
 * <p>
 * Every replica must have the same keys: in the prod profile the service refuses to start without TOCSIN_SECRET_KEY
 * (this bean is created at startup for that); elsewhere a random key per process is used, with a warning, and secrets
 * do not survive a restart.
 */
@ApplicationScoped
@Startup
public class SecretCipher {

    private static final String FORMAT = "v2";

    /** A master key and its id. */
    record MasterKey(String id, SecretKeySpec spec) {

        static MasterKey of(byte[] bytes, String setting) {
            if (bytes.length != 32) {
                throw new IllegalStateException(setting + " must be 32 bytes, base64 (openssl rand -base64 32)");
            }
            return new MasterKey(keyId(bytes), new SecretKeySpec(bytes, "AES"));
        }
    }

    /** An instance field, not a static one: a native image must not carry a random generator seeded at build time. */
    private final SecureRandom random = new SecureRandom();
    private final MasterKey current;
    /** Every key that may read, by id: the current one first. */
    private final Map<String, MasterKey> readable = new LinkedHashMap<>();

    @Inject
    public SecretCipher(@ConfigProperty(name = "tocsin.integrations.secret-key") Optional<String> configured,
                        @ConfigProperty(name = "tocsin.integrations.previous-secret-keys") Optional<List<String>> previous) {
        this(configured.filter(k -> !k.isBlank()).map(k -> decode(k, "tocsin.integrations.secret-key (TOCSIN_SECRET_KEY)"))
                        .orElseGet(SecretCipher::fallbackKey),
                previous.orElse(List.of()).stream().filter(k -> !k.isBlank())
                        .map(k -> decode(k, "tocsin.integrations.previous-secret-keys (TOCSIN_PREVIOUS_SECRET_KEYS)")).toList());
    }

    SecretCipher(byte[] currentKey, List<byte[]> previousKeys) {
        this.current = MasterKey.of(currentKey, "tocsin.integrations.secret-key (TOCSIN_SECRET_KEY)");
        readable.put(current.id(), current);
        for (byte[] key : previousKeys) {
            MasterKey old = MasterKey.of(key, "tocsin.integrations.previous-secret-keys (TOCSIN_PREVIOUS_SECRET_KEYS)");
            readable.putIfAbsent(old.id(), old);
        }
    }

    /** How every secret written under the current key starts. */
    public String currentPrefix() {
        return FORMAT + ":" + current.id() + ":";
    }

    /** Whether {@code stored} was written under the current key in the current format (else it needs re-encrypting). */
    public boolean current(String stored) {
        return stored.startsWith(currentPrefix());
    }

    /** The same secret, encrypted again under the current key. */
    public String reencrypt(UUID integrationId, String stored) {
        return current(stored) ? stored : encrypt(integrationId, decrypt(integrationId, stored));
    }

    /** A new random secret (32 bytes). */
    public byte[] newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    public String encrypt(UUID integrationId, byte[] secret) {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, current, iv, integrationId, secret, 0, secret.length);
        return FORMAT + ":" + current.id() + ":"
                + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    }

    public byte[] decrypt(UUID integrationId, String stored) {
        if (stored.startsWith(FORMAT + ":")) {
            String[] parts = stored.split(":", 3);
            MasterKey key = parts.length == 3 ? readable.get(parts[1]) : null;
            if (key == null) {
                throw new IllegalStateException("The secret of integration " + integrationId + " was written under key "
                        + (parts.length == 3 ? parts[1] : "?") + ", which is neither TOCSIN_SECRET_KEY nor one of "
                        + "TOCSIN_PREVIOUS_SECRET_KEYS");
            }
            return open(key, parts[2], integrationId);
        }
        // Written before key ids: no associated data, under whichever key was configured then.
        for (MasterKey key : readable.values()) {
            try {
                return open(key, stored, null);
            } catch (IllegalStateException wrongKey) {
                // try the next key
            }
        }
        throw new IllegalStateException("The secret of integration " + integrationId
                + " cannot be decrypted with any configured key");
    }

    private static byte[] open(MasterKey key, String base64, UUID integrationId) {
        byte[] all;
        try {
            all = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("An integration secret is not base64", e);
        }
        if (all.length < 12 + 16) {
            throw new IllegalStateException("An integration secret is too short to be a ciphertext");
        }
        return run(Cipher.DECRYPT_MODE, key, Arrays.copyOf(all, 12), integrationId, all, 12, all.length - 12);
    }

    private static byte[] run(int mode, MasterKey key, byte[] iv, UUID integrationId, byte[] input, int offset, int length) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.spec(), new GCMParameterSpec(128, iv));
            if (integrationId != null) {
                cipher.updateAAD(integrationId.toString().getBytes(StandardCharsets.UTF_8));
            }
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("An integration secret cannot be " + (mode == Cipher.ENCRYPT_MODE
                    ? "encrypted" : "decrypted with key " + key.id()), e);
        }
    }

    /** The first 8 hex digits of SHA-256 of the key: enough to tell keys apart, nothing to guess the key from. */
    static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base64, String setting) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " must be 32 bytes, base64 (openssl rand -base64 32)");
        }
    }

    private static byte[] fallbackKey() {
        // Unreachable in production: KeysCheck stops the service first.
        Log.warn("TOCSIN_SECRET_KEY (tocsin.integrations.secret-key) is not set: integration signing secrets are "
                + "encrypted with a key of this process and will not survive a restart");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
