package io.tocsin.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Signs RS256 JWTs like an OIDC provider would issue them: iss, aud, sub, iat, exp, the roles in {@code groups},
 * and the person's name and email. Used by `tocsin token` and by tests; a real deployment uses a real provider.
 */
public final class Tokens {

    public static final String LOCAL_ISSUER = "tocsin-local";
    public static final String AUDIENCE = "tocsin";

    private Tokens() {
    }

    /** The claims of one token; {@code email} may be null. */
    public record Claims(String issuer, String audience, String subject, String name, String email,
                         Collection<String> roles, Instant issuedAt, Instant expiresAt) {
    }

    public static String sign(PrivateKey key, Claims claims) {
        return sign(key, claims, claims.subject());
    }

    /**
     * As {@link #sign(PrivateKey, Claims)}, with a {@code preferred_username} other than the subject, as real
     * providers issue them (Keycloak: the login name; the subject is a UUID).
     */
    public static String sign(PrivateKey key, Claims claims, String preferredUsername) {
        String signingInput = unsigned("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, preferredUsername);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing input of a token, {@code base64url(header).base64url(claims)}: what a signature covers. */
    public static String unsigned(String headerJson, Claims claims) {
        return unsigned(headerJson, claims, claims.subject());
    }

    private static String unsigned(String headerJson, Claims claims, String preferredUsername) {
        StringBuilder payload = new StringBuilder("{")
                .append("\"iss\":").append(quote(claims.issuer()))
                .append(",\"aud\":").append(quote(claims.audience()))
                .append(",\"sub\":").append(quote(claims.subject()))
                .append(",\"preferred_username\":").append(quote(preferredUsername))
                .append(",\"name\":").append(quote(claims.name()))
                .append(",\"iat\":").append(claims.issuedAt().getEpochSecond())
                .append(",\"exp\":").append(claims.expiresAt().getEpochSecond())
                .append(",\"groups\":[")
                .append(claims.roles().stream().map(Tokens::quote).collect(Collectors.joining(",")))
                .append("]");
        if (claims.email() != null) {
            payload.append(",\"email\":").append(quote(claims.email()));
        }
        payload.append("}");
        return base64Url(headerJson) + "." + base64Url(payload.toString());
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
