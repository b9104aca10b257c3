package io.tocsin.incident;

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

/** The timeline's hash chain: its canonical form, and every way of tampering it must detect. */
class TimelineChainTest {

    private static final UUID INCIDENT = UUID.fromString("7d3c2a58-4b1e-4f5a-9d0e-2a6b8c9d1e0f");
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");

    @Test
    void theCanonicalContentIsLengthPrefixedUtf8AndStable() throws Exception {
        String canonical = "tocsin-timeline-v1\n" + "36:7d3c2a58-4b1e-4f5a-9d0e-2a6b8c9d1e0f\n" + "1:2\n"
                + "16:1795773600123456\n" + "4:note\n" + "10:user:Jürg\n" + "-\n" + "3:abc\n";
        assertEquals(canonical, TimelineChain.canonical(INCIDENT, 2, T0, "note", "user:Jürg", null, "abc"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, TimelineChain.hash(INCIDENT, 2, T0, "note", "user:Jürg", null, "abc"));
    }

    @Test
    void nullAndEmptyAndShiftedFieldsHashDifferently() {
        assertNotEquals(TimelineChain.hash(INCIDENT, 1, T0, "note", "a", null, null),
                TimelineChain.hash(INCIDENT, 1, T0, "note", "a", "", null));
        assertNotEquals(TimelineChain.hash(INCIDENT, 1, T0, "note", "ab", "c", null),
                TimelineChain.hash(INCIDENT, 1, T0, "note", "a", "bc", null), "no field can borrow from the next");
        assertNotEquals(TimelineChain.hash(INCIDENT, 1, T0, "note", "a", "x", null),
                TimelineChain.hash(INCIDENT, 1, T0.plusNanos(1000), "note", "a", "x", null), "a microsecond counts");
    }

    @Test
    void anIntactChainVerifies() {
        List<TimelineChain.Link> chain = chain(4);
        TimelineChain.Verification v = TimelineChain.verify(INCIDENT, chain, 4, chain.get(3).hash());
        assertTrue(v.intact(), v.toString());
        assertEquals(4, v.entries());
        assertNull(v.brokenAt());
        assertTrue(TimelineChain.verify(INCIDENT, List.of(), 0, null).intact(), "an empty timeline");
    }

    @Test
    void anEditedEntryIsFoundEvenWhenItsHashWasRecomputed() {
        List<TimelineChain.Link> chain = chain(4);
        String head = chain.get(3).hash();
        List<TimelineChain.Link> edited = new ArrayList<>(chain);
        TimelineChain.Link second = chain.get(1);
        edited.set(1, new TimelineChain.Link(2, second.at(), second.kind(), second.actor(), "nothing happened",
                second.previousHash(), second.hash()));
        assertBroken(TimelineChain.verify(INCIDENT, edited, 4, head), 2, "changed");

        String rehashed = TimelineChain.hash(INCIDENT, 2, second.at(), second.kind(), second.actor(), "nothing happened",
                second.previousHash());
        edited.set(1, new TimelineChain.Link(2, second.at(), second.kind(), second.actor(), "nothing happened",
                second.previousHash(), rehashed));
        assertBroken(TimelineChain.verify(INCIDENT, edited, 4, head), 3, "does not follow");

        TimelineChain.Link first = chain.get(0);
        edited = new ArrayList<>(chain);
        edited.set(0, new TimelineChain.Link(1, first.at().plusSeconds(60), first.kind(), first.actor(), first.detail(),
                null, first.hash()));
        assertBroken(TimelineChain.verify(INCIDENT, edited, 4, head), 1, "changed");
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

    private static void assertBroken(TimelineChain.Verification v, long at, String problem) {
        assertTrue(!v.intact() && v.brokenAt() == at && v.problem().contains(problem), v.toString());
    }

    private static List<TimelineChain.Link> chain(int n) {
        List<TimelineChain.Link> links = new ArrayList<>();
        String previous = null;
        for (int seq = 1; seq <= n; seq++) {
            Instant at = T0.plusSeconds(seq);
            String detail = seq % 2 == 0 ? null : "entry " + seq + " — Straße 🚒";
            String hash = TimelineChain.hash(INCIDENT, seq, at, "note", "user:alice", detail, previous);
            links.add(new TimelineChain.Link(seq, at, "note", "user:alice", detail, previous, hash));
            previous = hash;
        }
        return links;
    }
}
