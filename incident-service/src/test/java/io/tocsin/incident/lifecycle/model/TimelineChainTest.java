package io.tocsin.incident.lifecycle.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's hash chain: its canonical forms, and every way of tampering it must detect. */
class TimelineChainTest {

    private static final UUID INCIDENT = UUID.fromString("7d3c2a58-4b1e-4f5a-9d0e-2a6b8c9d1e0f");
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");

    @Test
    void theCanonicalFormsAreLengthPrefixedUtf8AndStable() throws Exception {
        String content = "tocsin-timeline-v1\n" + "36:7d3c2a58-4b1e-4f5a-9d0e-2a6b8c9d1e0f\n" + "1:2\n"
                + "16:1795773600123456\n" + "4:note\n" + "10:user:Jürg\n" + "-\n";
        assertEquals(content, TimelineChain.content(INCIDENT, 2, T0, "note", "user:Jürg", null));
        String contentHash = sha256(content);
        assertEquals(contentHash, TimelineChain.contentHash(INCIDENT, 2, T0, "note", "user:Jürg", null));
        assertEquals(sha256("tocsin-timeline-link-v1\n3:abc\n64:" + contentHash + "\n"),
                TimelineChain.link("abc", contentHash));
        assertEquals(sha256("tocsin-timeline-link-v1\n-\n64:" + contentHash + "\n"), TimelineChain.link(null, contentHash));
    }

    @Test
    void nullAndEmptyAndShiftedFieldsHashDifferently() {
        assertNotEquals(TimelineChain.contentHash(INCIDENT, 1, T0, "note", "a", null),
                TimelineChain.contentHash(INCIDENT, 1, T0, "note", "a", ""));
        assertNotEquals(TimelineChain.contentHash(INCIDENT, 1, T0, "note", "ab", "c"),
                TimelineChain.contentHash(INCIDENT, 1, T0, "note", "a", "bc"), "no field can borrow from the next");
        assertNotEquals(TimelineChain.contentHash(INCIDENT, 1, T0, "note", "a", "x"),
                TimelineChain.contentHash(INCIDENT, 1, T0.plusNanos(1000), "note", "a", "x"), "a microsecond counts");
    }

    @Test
    void anIntactChainVerifies() {
        List<TimelineChain.Link> chain = chain(4);
        TimelineChain.Verification v = TimelineChain.verify(INCIDENT, chain, 4, chain.get(3).hash());
        assertTrue(v.intact(), v.toString());
        assertEquals(4, v.entries());
        assertNull(v.brokenAt());
        assertEquals(List.of(), v.redacted());
        assertTrue(TimelineChain.verify(INCIDENT, List.of(), 0, null).intact(), "an empty timeline");
    }

    @Test
    void anEditedEntryIsFoundEvenWhenItsHashesWereRecomputed() {
        List<TimelineChain.Link> chain = chain(4);
        String head = chain.get(3).hash();
        TimelineChain.Link second = chain.get(1);
        assertBroken(TimelineChain.verify(INCIDENT, replace(chain, edited(second, second.contentHash(), second.hash())),
                4, head), 2, "changed");

        String content = TimelineChain.contentHash(INCIDENT, 2, second.at(), second.kind(), second.actor(), "nothing happened");
        assertBroken(TimelineChain.verify(INCIDENT, replace(chain, edited(second, content, second.hash())), 4, head), 2,
                "does not follow");
        assertBroken(TimelineChain.verify(INCIDENT, replace(chain, edited(second, content,
                TimelineChain.link(second.previousHash(), content))), 4, head), 3, "does not follow");

        TimelineChain.Link first = chain.get(0);
        assertBroken(TimelineChain.verify(INCIDENT, replace(chain, new TimelineChain.Link(1, first.at().plusSeconds(60),
                first.kind(), first.actor(), first.detail(), null, first.contentHash(), first.hash(), false)), 4, head),
                1, "changed");
    }

    @Test
    void aRedactedEntryKeepsTheChainAndIsListed() {
        List<TimelineChain.Link> chain = chain(4);
        TimelineChain.Link second = chain.get(1);
        TimelineChain.Link erased = new TimelineChain.Link(2, second.at(), second.kind(), "user:Erased person",
                second.detail(), second.previousHash(), second.contentHash(), second.hash(), true);
        TimelineChain.Verification v = TimelineChain.verify(INCIDENT, replace(chain, erased), 4, chain.get(3).hash());
        assertTrue(v.intact(), v.toString());
        assertEquals(List.of(2L), v.redacted());
    }

    @Test
    void aRemovedEntryOrCutOffEndIsFound() {
        List<TimelineChain.Link> chain = chain(4);
        String head = chain.get(3).hash();
        List<TimelineChain.Link> gap = new ArrayList<>(chain);
        gap.remove(1);
        assertBroken(TimelineChain.verify(INCIDENT, gap, 4, head), 2, "missing");
        assertBroken(TimelineChain.verify(INCIDENT, chain.subList(0, 3), 4, head), 4, "records 4 entries");
        assertBroken(TimelineChain.verify(INCIDENT, chain, 4, chain.get(2).hash()), 4, "records 4 entries");
        assertBroken(TimelineChain.verify(UUID.randomUUID(), chain, 4, head), 1, "changed");
    }

    private static TimelineChain.Link edited(TimelineChain.Link e, String contentHash, String hash) {
        return new TimelineChain.Link(e.seq(), e.at(), e.kind(), e.actor(), "nothing happened", e.previousHash(),
                contentHash, hash, false);
    }

    private static List<TimelineChain.Link> replace(List<TimelineChain.Link> chain, TimelineChain.Link entry) {
        List<TimelineChain.Link> copy = new ArrayList<>(chain);
        copy.set((int) entry.seq() - 1, entry);
        return copy;
    }

    private static void assertBroken(TimelineChain.Verification v, long at, String problem) {
        assertTrue(!v.intact() && v.brokenAt() == at && v.problem().contains(problem), v.toString());
    }

    private static List<TimelineChain.Link> chain(int n) {
        List<TimelineChain.Link> links = new ArrayList<>();
        String previous = null;
        for (int seq = 1; seq <= n; seq++) {
            Instant at = T0.plusSeconds(seq);
            String detail = seq % 2 == 0 ? null : "entry " + seq + " — Straße 🚒";
            String content = TimelineChain.contentHash(INCIDENT, seq, at, "note", "user:alice", detail);
            String hash = TimelineChain.link(previous, content);
            links.add(new TimelineChain.Link(seq, at, "note", "user:alice", detail, previous, content, hash, false));
            previous = hash;
        }
        return links;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
