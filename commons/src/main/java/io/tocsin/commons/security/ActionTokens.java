package io.tocsin.commons.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and checks one-tap tokens: {@code <link id>.<HMAC-SHA256>}, the HMAC covering the link id, the incident,
 * the recipient and the action, so a token cannot be moved to another incident, person or action. Expiry and use
 * are the link row's state in notification-service, which the token cannot change. notification-service signs them;
 * incident-service checks the token that comes with a service caller's action, so the service identity can act only
 * for the person a link was issued to (docs/security.md).
 */
public final class ActionTokens {

    /** The parts of a well-formed token; not yet verified. */
    public record Parsed(UUID id, String signature) {
    }

    private final byte[] secret;

    public ActionTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    public String sign(UUID id, UUID incidentId, String recipientId, String action) {
        return id + "." + mac(id, incidentId, recipientId, action);
    }

    /** Empty for anything that is not shaped like a token. */
    public static Optional<Parsed> parse(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 2 || parts[0].length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(UUID.fromString(parts[0]), parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the signature matches these bindings (constant-time comparison). */
    public boolean verify(Parsed token, UUID incidentId, String recipientId, String action) {
        byte[] expected = mac(token.id(), incidentId, recipientId, action).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, token.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(UUID id, UUID incidentId, String recipientId, String action) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String signed = String.join("\n", id.toString(), incidentId.toString(),
                    recipientId, action);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
