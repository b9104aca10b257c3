package io.tocsin.local.testing;

import io.tocsin.local.LocalKeys;
import io.tocsin.local.Tokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bearer tokens for tests, signed with the test infrastructure's key unless a test wants a forged one. */
public final class TestTokens {

    private TestTokens() {
    }

    /** A valid token for {@code user} with {@code roles}, email {@code user@example.test}. */
    public static String token(String user, String... roles) {
        return sign(key(), Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, Duration.ofHours(1), roles);
    }

    /** "Bearer …" header value for {@link #token}. */
    public static String bearer(String user, String... roles) {
        return "Bearer " + token(user, roles);
    }

    /**
     * A valid token whose {@code preferred_username} ({@code username}) differs from its subject ({@code user}), as a
     * real provider issues them: services must identify the caller by the subject.
     */
    public static String bearerWithUsername(String user, String username, String... roles) {
        Instant now = Instant.now();
        return "Bearer " + Tokens.sign(key(), new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, user,
                user + "@example.test", List.of(roles), now, now.plus(Duration.ofHours(1))), username);
    }

    public static String expired(String user, String... roles) {
        return sign(key(), Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, Duration.ofHours(-1), roles);
    }

    public static String wrongIssuer(String user, String... roles) {
        return sign(key(), "https://evil.example.test", Tokens.AUDIENCE, user, Duration.ofHours(1), roles);
    }

    public static String wrongAudience(String user, String... roles) {
        return sign(key(), Tokens.LOCAL_ISSUER, "another-app", user, Duration.ofHours(1), roles);
    }

    /** Signed by a key the services do not trust. */
    public static String foreignKey(String user, String... roles) {
        return sign(LocalKeys.generate().getPrivate(), Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, Duration.ofHours(1), roles);
    }

    /**
     * Classic JWT forgeries with otherwise perfect claims (issuer, audience, a fresh expiry, the roles asked for), by
     * what they try: "alg: none" in its spellings, an RS256 header without a signature, and HS256 "signed" with the
     * services' public RSA key as the HMAC secret in each form an attacker could find it (the base64 text of the
     * configuration, the DER bytes, PEM). Every one must get 401.
     */
    public static Map<String, String> forgeries(String user, String... roles) {
        Instant now = Instant.now();
        Tokens.Claims claims = new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, user, user, user + "@example.test",
                List.of(roles), now, now.plus(Duration.ofHours(1)));
        Map<String, String> forged = new LinkedHashMap<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            forged.put("alg " + none, Tokens.unsigned("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}", claims) + ".");
        }
        forged.put("RS256 without a signature", Tokens.unsigned("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims) + ".");
        String publicKey = TestInfrastructure.setting("oidc.public-key");
        byte[] der = Base64.getDecoder().decode(publicKey);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
        Map<String, byte[]> secrets = Map.of("base64 text", publicKey.getBytes(StandardCharsets.US_ASCII), "DER", der,
                "PEM", pem.getBytes(StandardCharsets.US_ASCII));
        for (var secret : secrets.entrySet()) {
            String input = Tokens.unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
            forged.put("HS256 keyed with the public key (" + secret.getKey() + ")", input + "." + hmac(secret.getValue(), input));
        }
        return forged;
    }

    private static String hmac(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey key() {
        return LocalKeys.privateKey(TestInfrastructure.setting("oidc.private-key"));
    }

    private static String sign(PrivateKey key, String issuer, String audience, String user, Duration ttl, String... roles) {
        Instant now = Instant.now();
        Instant issued = ttl.isNegative() ? now.plus(ttl).minus(Duration.ofHours(1)) : now;
        return Tokens.sign(key, new Tokens.Claims(issuer, audience, user, user, user + "@example.test",
                List.of(roles), issued, now.plus(ttl)));
    }
}
