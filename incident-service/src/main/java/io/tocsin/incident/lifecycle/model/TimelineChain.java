package io.tocsin.incident.lifecycle.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The hash chain that makes an incident's timeline tamper-evident (docs/security-incidents.md). Each entry carries
 * two SHA-256 hashes: of its own content ({@code contentHash}), and of the previous entry's hash together with its
 * content hash ({@code hash}, the link). The incident row keeps the newest link (the head). Changing, removing or
 * inserting an entry breaks its content hash or the links after it; cutting off the newest entries no longer matches
 * the head. An entry whose personal data was erased on request keeps both hashes and is marked redacted: the chain
 * still holds, its content can no longer be checked, and verification lists it.
 * <p>
 * Content, as UTF-8: the line {@code tocsin-timeline-v1}, then for each of incident id, sequence number, time
 * (microseconds since the epoch), kind, actor and detail either {@code <byte length>:<value>} or {@code -} (null), each
 * followed by a newline. Link: the line {@code tocsin-timeline-link-v1}, then the previous hash and the content hash in
 * the same form. Length prefixes make every split unambiguous. The database functions {@code tocsin_timeline_content}
 * and {@code tocsin_timeline_link} (migration V6) compute exactly the same, which is how entries written before the
 * chain existed were hashed. Pure: tested in plain JUnit.
 */
public final class TimelineChain {

    static final String CONTENT = "tocsin-timeline-v1";
    static final String LINK = "tocsin-timeline-link-v1";

    /** One entry as stored: its content, its hashes, and whether an erasure redacted it. */
    public record Link(long seq, Instant at, String kind, String actor, String detail, String previousHash,
                       String contentHash, String hash, boolean redacted) {
    }

    /**
     * The outcome of checking a chain. {@code brokenAt}: the first sequence number that does not hold (null when
     * intact); {@code head}: the recorded head; {@code redacted}: entries whose content an erasure replaced (the chain
     * holds across them, their content cannot be checked).
     */
    public record Verification(boolean intact, long entries, String head, Long brokenAt, String problem,
                               List<Long> redacted) {
    }

    private TimelineChain() {
    }

    /** Hex SHA-256 of an entry's own content. */
    public static String contentHash(UUID incidentId, long seq, Instant at, String kind, String actor, String detail) {
        return sha256(content(incidentId, seq, at, kind, actor, detail));
    }

    /** Hex SHA-256 that links an entry to the one before it. */
    public static String link(String previousHash, String contentHash) {
        return sha256(LINK + "\n" + field(previousHash) + field(contentHash));
    }

    static String content(UUID incidentId, long seq, Instant at, String kind, String actor, String detail) {
        return CONTENT + "\n" + field(incidentId.toString()) + field(Long.toString(seq))
                + field(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at))) + field(kind) + field(actor)
                + field(detail);
    }

    /**
     * Checks {@code entries} (in sequence order) against each other and against what the incident row recorded: the
     * number of its newest entry and the head.
     */
    public static Verification verify(UUID incidentId, List<Link> entries, long recordedSeq, String recordedHead) {
        List<Long> redacted = new ArrayList<>();
        String previous = null;
        long expected = 1;
        for (Link e : entries) {
            if (e.seq() != expected) {
                return broken(entries, recordedHead, expected, "entry " + expected + " is missing", redacted);
            }
            if (!Objects.equals(e.previousHash(), previous) || !link(e.previousHash(), e.contentHash()).equals(e.hash())) {
                return broken(entries, recordedHead, e.seq(), "entry " + e.seq() + " does not follow the entry before it",
                        redacted);
            }
            if (e.redacted()) {
                redacted.add(e.seq());
            } else if (!contentHash(incidentId, e.seq(), e.at(), e.kind(), e.actor(), e.detail()).equals(e.contentHash())) {
                return broken(entries, recordedHead, e.seq(), "entry " + e.seq() + " was changed after it was written",
                        redacted);
            }
            previous = e.hash();
            expected++;
        }
        if (entries.size() != recordedSeq || !Objects.equals(previous, recordedHead)) {
            return broken(entries, recordedHead, Math.min(expected, recordedSeq), "the incident records " + recordedSeq
                    + " entries ending in " + recordedHead + "; the timeline has " + entries.size()
                    + (previous == null ? "" : " ending in " + previous), redacted);
        }
        return new Verification(true, entries.size(), recordedHead, null, null, List.copyOf(redacted));
    }

    private static Verification broken(List<Link> entries, String head, long at, String problem, List<Long> redacted) {
        return new Verification(false, entries.size(), head, at, problem, List.copyOf(redacted));
    }

    private static String field(String value) {
        return (value == null ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value) + "\n";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
