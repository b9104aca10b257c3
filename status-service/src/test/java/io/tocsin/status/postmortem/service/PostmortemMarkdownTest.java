package io.tocsin.status.postmortem.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Markdown export: every section, in order, with empty ones marked. */
class PostmortemMarkdownTest {

    @Test
    void everySectionInOrder() {
        String md = PostmortemMarkdown.render(new PostmortemMarkdown.Document("Checkout | down", "PUBLISHED",
                "checkout-api", "P1", Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T11:23:00Z"),
                List.of("Checkout"), "About 4 % of orders", null, "A bad deploy.", null,
                "- 2026-11-27 10:00:00 UTC — Triggered", null,
                List.of(new PostmortemMarkdown.ActionLine("Add | canary", "bob", "2026-12-10", "P2", "OPEN")),
                null, "Runbook updated.", Instant.parse("2026-11-28T09:00:00Z"),
                "- 2026-11-27 10:20:00 UTC — Evidence fw.log (text/plain, 12 bytes), SHA-256 ab12 (alice)", null));
        List<String> headings = md.lines().filter(l -> l.startsWith("#")).toList();
        assertEquals(List.of("# Checkout | down", "## Root cause analysis", "## Contributing factors",
                "## Impact assessment", "## Timeline", "## Improvement actions", "## Stakeholder communication log",
                "## Documentation updates", "## Evidence"), headings);
        assertTrue(md.contains("## Evidence\n\n- 2026-11-27 10:20:00 UTC — Evidence fw.log"));
        assertTrue(md.contains("- Duration: 1 h 23 min"));
        assertTrue(md.contains("- Affected components: Checkout"));
        assertTrue(md.contains("| Add \\| canary | bob | 2026-12-10 | P2 | OPEN |"));
        assertTrue(md.contains("## Contributing factors\n\n_Not written yet._"));
        assertTrue(md.contains("## Documentation updates\n\nRunbook updated.\n"));
        assertTrue(md.endsWith("SHA-256 ab12 (alice)\n"), "evidence comes last");
    }

    @Test
    void aPersonalDataBreachAddsItsClockAndDecisionAfterTheEvidence() {
        String md = PostmortemMarkdown.render(new PostmortemMarkdown.Document("Export leak", "DRAFT", "crm", "P1",
                null, null, List.of(), null, null, null, null, null, null, List.of(), null, null, null, null,
                "**Decided within the 72 hours.**\n\n- 2026-11-28 16:05:00 UTC — GDPR decision: … (Alice)"));
        List<String> headings = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertEquals("## Personal-data breach (GDPR Art. 33)", headings.get(headings.size() - 1));
        assertTrue(md.contains("## Personal-data breach (GDPR Art. 33)\n\n**Decided within the 72 hours.**"), md);
    }

    @Test
    void durations() {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        assertEquals("ongoing", PostmortemMarkdown.duration(t, null));
        assertEquals("unknown", PostmortemMarkdown.duration(null, t));
        assertEquals("45 s", PostmortemMarkdown.duration(t, t.plusSeconds(45)));
        assertEquals("12 min", PostmortemMarkdown.duration(t, t.plusSeconds(12 * 60 + 5)));
    }
}
