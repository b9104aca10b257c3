package io.tocsin.incident.integration.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Integration keys: 32 random bytes, shown once, stored as SHA-256. SHA-256 rather than bcrypt because the key is
 * high-entropy (nothing to brute-force) and checked on every webhook, where bcrypt would cap intake on two cores.
 */
@ApplicationScoped
public class IntegrationKeys {

    /** An instance field, not a static one: a native image must not carry a random generator seeded at build time. */
    private final SecureRandom random = new SecureRandom();

    public String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "tk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
