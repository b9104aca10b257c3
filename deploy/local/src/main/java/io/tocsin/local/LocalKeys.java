package io.tocsin.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The local stack's token-signing key pair, generated on first use outside git (in the stack's home) so that
 * no key is ever committed. Services verify with the public key ({@code quarkus.oidc.public-key}).
 */
public final class LocalKeys {

    private LocalKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the pair from {@code directory}, creating it first if absent. */
    public static KeyPair loadOrCreate(Path directory) throws IOException {
        Path privateFile = directory.resolve("token-signing-key.pk8");
        Path publicFile = directory.resolve("token-signing-key.pub");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            Files.createDirectories(directory);
            KeyPair pair = generate();
            Files.writeString(publicFile, encode(pair.getPublic()));
            Files.writeString(privateFile, encode(pair.getPrivate()));
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            return pair;
        }
        return new KeyPair(publicKey(Files.readString(publicFile).trim()), privateKey(Files.readString(privateFile).trim()));
    }

    /**
     * A random 32-byte secret (base64) kept in {@code file}, shared by every replica: the key for integration
     * secrets at rest, for one-tap links, for outgoing webhook signatures.
     */
    public static String loadOrCreateSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, encoded);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return encoded;
    }

    /** Base64 of the DER encoding: the form {@code quarkus.oidc.public-key} expects. */
    public static String encode(java.security.Key key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA public key", e);
        }
    }

    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an RSA private key", e);
        }
    }
}
