package io.tocsin.local.testing;

import io.tocsin.local.LocalKeys;
import io.tocsin.local.Tokens;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
