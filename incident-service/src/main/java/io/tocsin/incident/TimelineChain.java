package io.tocsin.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The hash chain that makes an incident's timeline tamper-evident (docs/security-incidents.md). Each entry's hash is
 * the SHA-256 of its canonical content, which includes the previous entry's hash; the incident row keeps the newest
 * hash (the head). Changing, removing or inserting an entry breaks every hash after it, and cutting the newest entries
 * off no longer matches the head.
 * <p>
 * Canonical content, as UTF-8: the line {@code tocsin-timeline-v1}, then for each of incident id, sequence number,
 * time (microseconds since the epoch), kind, actor, detail and previous hash either {@code <byte length>:<value>} or
 * {@code -} (null), each followed by a newline. The length prefix makes every split unambiguous; the database function
 * {@code tocsin_timeline_hash} (migration V5) computes exactly the same, which is how entries written before the chain
 * existed were hashed. Pure: tested in plain JUnit.
 */
public final class TimelineChain {

    static final String VERSION = "tocsin-timeline-v1";

    /** One entry as stored: its content and the two hashes written with it. */
    public record Link(long seq, Instant at, String kind, String actor, String detail, String previousHash,
                       String hash) {
    }

    /**
     * The outcome of checking a chain. {@code brokenAt}: the first sequence number that does not hold (null when
     * intact); {@code head}: the recorded head.
     */
    public record Verification(boolean intact, long entries, String head, Long brokenAt, String problem) {

        static Verification broken(long entries, String head, long at, String problem) {
            return new Verification(false, entries, head, at, problem);
        }
    }

    private TimelineChain() {
    }

    /** Hex SHA-256 of an entry's canonical content. */
    public static String hash(UUID incidentId, long seq, Instant at, String kind, String actor, String detail,
                              String previousHash) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical(incidentId, seq, at, kind, actor, detail,
                    previousHash).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String canonical(UUID incidentId, long seq, Instant at, String kind, String actor, String detail,
                            String previousHash) {
        return VERSION + "\n" + field(incidentId.toString()) + field(Long.toString(seq))
                + field(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at))) + field(kind) + field(actor)
                + field(detail) + field(previousHash);
    }

    /**
     * Checks {@code entries} (in sequence order) against each other and against what the incident row recorded: the
     * number of its newest entry and the head.
     */
    public static Verification verify(UUID incidentId, List<Link> entries, long recordedSeq, String recordedHead) {
        String previous = null;
        long expected = 1;
        for (Link e : entries) {
            if (e.seq() != expected) {
                return Verification.broken(entries.size(), recordedHead, expected, "entry " + expected + " is missing");
            }
            if (!Objects.equals(e.previousHash(), previous)) {
                return Verification.broken(entries.size(), recordedHead, e.seq(),
                        "entry " + e.seq() + " does not follow the entry before it");
            }
            String computed = hash(incidentId, e.seq(), e.at(), e.kind(), e.actor(), e.detail(), e.previousHash());
            if (!computed.equals(e.hash())) {
                return Verification.broken(entries.size(), recordedHead, e.seq(),
                        "entry " + e.seq() + " was changed after it was written");
            }
            previous = e.hash();
            expected++;
        }
        if (entries.size() != recordedSeq || !Objects.equals(previous, recordedHead)) {
            return Verification.broken(entries.size(), recordedHead, Math.min(expected, recordedSeq),
                    "the incident records " + recordedSeq + " entries ending in " + recordedHead + "; the timeline has "
                            + entries.size() + (previous == null ? "" : " ending in " + previous));
        }
        return new Verification(true, entries.size(), recordedHead, null, null);
    }

    private static String field(String value) {
        return (value == null ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value) + "\n";
    }
}
