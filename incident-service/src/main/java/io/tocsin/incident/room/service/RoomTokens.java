package io.tocsin.incident.room.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and reads room links: {@code base64url(r1|incident|expiry|subject).base64url(HMAC-SHA256)}. A link opens one
 * incident's room, read-only, for one person, until it expires; nothing is stored, so it cannot be revoked early (it
 * is short-lived instead). Pure: the key is given, the clock is the caller's.
 */
public final class RoomTokens {

    /** What a genuine link grants. */
    public record Grant(UUID incidentId, String subject, Instant expiresAt) {

        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private static final String VERSION = "r1";
    private static final int MAX_LENGTH = 600;

    private final byte[] key;

    public RoomTokens(byte[] key) {
        this.key = key.clone();
    }

    public String sign(Grant grant) {
        String payload = String.join("|", VERSION, grant.incidentId().toString(),
                Long.toString(grant.expiresAt().getEpochSecond()), grant.subject());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return encode(bytes) + "." + encode(mac(bytes));
    }

    /** The grant of a genuine token (expired or not), or empty for anything forged, altered or malformed. */
    public Optional<Grant> read(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            return Optional.of(new Grant(UUID.fromString(parts[1]), parts[3],
                    Instant.ofEpochSecond(Long.parseLong(parts[2]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
