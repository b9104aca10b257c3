package io.tocsin.integration.service;

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
public final class IntegrationKeys {

    private IntegrationKeys() {
    }

    /**
     * A fresh SecureRandom per key rather than a static one, which a native image would seed at build time. Keys are
     * made on admin actions only, and on Linux every default SecureRandom reads the same shared /dev/urandom.
     */
    public static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
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
