package io.tocsin.incident.intake.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 webhook signatures, compared in constant time.
 * <ul>
 *   <li>Generic: {@code X-Tocsin-Timestamp: <unix seconds>} and
 *       {@code X-Tocsin-Signature: v1=<hex HMAC(secret, timestamp + "." + body)>}, within a 5-minute window.</li>
 *   <li>Grafana: hex HMAC(secret, body) in a configurable header; with a timestamp header configured,
 *       HMAC(secret, timestamp + ":" + body) and the same window.</li>
 *   <li>Alertmanager (which cannot sign): {@code Authorization: Bearer <secret>}.</li>
 * </ul>
 * Several secrets may be valid at once (the old one during a rotation's grace period).
 */
public final class Signatures {

    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private Signatures() {
    }

    /** Null when the request is signed correctly, else why not (for the 401 answer). */
    public static String checkGeneric(List<byte[]> secrets, String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return "This integration requires X-Tocsin-Timestamp and X-Tocsin-Signature headers";
        }
        String fresh = checkFresh(timestamp, now);
        if (fresh != null) {
            return fresh;
        }
        if (!signature.startsWith("v1=")) {
            return "X-Tocsin-Signature must be v1=<hex HMAC-SHA256>";
        }
        byte[] signed = concat(timestamp + ".", body);
        return matchesAny(secrets, signed, signature.substring(3)) ? null : "The signature does not match";
    }

    public static String checkGrafana(List<byte[]> secrets, String timestamp, boolean timestampRequired,
                                      String signature, byte[] body, Instant now) {
        if (signature == null) {
            return "This integration requires a signature header";
        }
        byte[] signed = body;
        if (timestampRequired) {
            if (timestamp == null) {
                return "This integration requires a timestamp header";
            }
            String fresh = checkFresh(timestamp, now);
            if (fresh != null) {
                return fresh;
            }
            signed = concat(timestamp + ":", body);
        }
        String hex = signature.startsWith("sha256=") ? signature.substring(7) : signature;
        return matchesAny(secrets, signed, hex) ? null : "The signature does not match";
    }

    /**
     * Alertmanager's {@code http_config.authorization} (type Bearer, the secret as credentials): the header must carry
     * one of the secrets. Compared as SHA-256 digests in constant time, so neither content nor length leaks.
     */
    public static String checkBearer(List<byte[]> secrets, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "This integration requires Authorization: Bearer <credential> (Alertmanager's http_config.authorization)";
        }
        byte[] given = sha256(authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
        boolean match = false;
        for (byte[] secret : secrets) {
            match |= MessageDigest.isEqual(sha256(secret), given);
        }
        return match ? null : "The credential does not match";
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hex HMAC-SHA256, as senders compute it. */
    public static String hmacHex(byte[] secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkFresh(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "The timestamp must be Unix seconds";
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        return skew.compareTo(REPLAY_WINDOW) > 0 ? "The timestamp is outside the 5-minute window (replayed or clock skew)" : null;
    }

    private static boolean matchesAny(List<byte[]> secrets, byte[] message, String hex) {
        byte[] given = hex.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (byte[] secret : secrets) {
            // Constant time, and every secret is tried, so timing says nothing about which one matched.
            match |= MessageDigest.isEqual(hmacHex(secret, message).getBytes(StandardCharsets.US_ASCII), given);
        }
        return match;
    }

    private static byte[] concat(String prefix, byte[] body) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
