package io.tocsin.status.postmortem.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders a postmortem as clean Markdown: one heading per section in the order, empty sections marked as
 * such rather than dropped (a reviewer must see what is missing). Pure, tested in plain JUnit.
 */
public final class PostmortemMarkdown {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Everything the export shows, already resolved (prefilled sections included). */
    public record Document(String title, String status, String service, String priority, Instant triggeredAt,
                           Instant resolvedAt, List<String> affectedComponents, String customersAffected,
                           String impactNotes, String rootCause, String contributingFactors, String timeline,
                           String improvementActions, List<ActionLine> actionItems, String communicationLog,
                           String documentationUpdates, Instant publishedAt, String evidence,
                           String personalDataBreach) {
    }

    public record ActionLine(String title, String owner, String dueDate, String priority, String status) {
    }

    private PostmortemMarkdown() {
    }

    public static String render(Document d) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(oneLine(d.title())).append("\n\n");
        md.append("- Status: ").append(d.status()).append('\n');
        md.append("- Service: ").append(orDash(d.service())).append('\n');
        md.append("- Priority: ").append(orDash(d.priority())).append('\n');
        if (d.publishedAt() != null) {
            md.append("- Published: ").append(TIME.format(d.publishedAt())).append('\n');
        }
        md.append('\n');

        section(md, "Root cause analysis", d.rootCause());
        section(md, "Contributing factors", d.contributingFactors());

        md.append("## Impact assessment\n\n");
        md.append("- Started: ").append(d.triggeredAt() == null ? "unknown" : TIME.format(d.triggeredAt())).append('\n');
        md.append("- Resolved: ").append(d.resolvedAt() == null ? "not yet" : TIME.format(d.resolvedAt())).append('\n');
        md.append("- Duration: ").append(duration(d.triggeredAt(), d.resolvedAt())).append('\n');
        md.append("- Affected components: ")
                .append(d.affectedComponents() == null || d.affectedComponents().isEmpty() ? "none recorded"
                        : String.join(", ", d.affectedComponents().stream().map(PostmortemMarkdown::oneLine).toList()))
                .append('\n');
        md.append("- Customers affected: ").append(blank(d.customersAffected()) ? "not yet assessed"
                : oneLine(d.customersAffected())).append("\n\n");
        if (!blank(d.impactNotes())) {
            md.append(d.impactNotes().strip()).append("\n\n");
        }

        section(md, "Timeline", d.timeline());

        md.append("## Improvement actions\n\n");
        if (!blank(d.improvementActions())) {
            md.append(d.improvementActions().strip()).append("\n\n");
        }
        if (d.actionItems() == null || d.actionItems().isEmpty()) {
            md.append("_No action items yet._\n\n");
        } else {
            md.append("| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n");
            for (ActionLine a : d.actionItems()) {
                md.append("| ").append(cell(a.title())).append(" | ").append(cell(orDash(a.owner()))).append(" | ")
                        .append(a.dueDate()).append(" | ").append(a.priority()).append(" | ").append(a.status())
                        .append(" |\n");
            }
            md.append('\n');
        }

        section(md, "Stakeholder communication log", d.communicationLog());
        section(md, "Documentation updates", d.documentationUpdates());
        md.append("## Evidence\n\n").append(blank(d.evidence()) ? "_None recorded._" : d.evidence().strip()).append("\n\n");
        if (!blank(d.personalDataBreach())) {
            // Only for incidents marked a personal-data breach: the GDPR Art. 33 clock and the decision.
            md.append("## Personal-data breach (GDPR Art. 33)\n\n").append(d.personalDataBreach().strip()).append("\n\n");
        }
        return md.toString().stripTrailing() + "\n";
    }

    /** "1 h 23 min", or "ongoing" / "unknown". */
    public static String duration(Instant from, Instant to) {
        if (from == null) {
            return "unknown";
        }
        if (to == null) {
            return "ongoing";
        }
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            return "unknown";
        }
        long hours = d.toHours();
        long minutes = d.toMinutesPart();
        if (hours == 0) {
            return minutes == 0 ? d.toSecondsPart() + " s" : minutes + " min";
        }
        return hours + " h " + minutes + " min";
    }

    /** One timeline line in Markdown list form. */
    public static String line(Instant at, String what, String actor) {
        return "- " + TIME.format(at) + " — " + oneLine(what) + (blank(actor) ? "" : " (" + oneLine(actor) + ")");
    }

    private static void section(StringBuilder md, String heading, String body) {
        md.append("## ").append(heading).append("\n\n");
        md.append(blank(body) ? "_Not written yet._" : body.strip()).append("\n\n");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orDash(String s) {
        return blank(s) ? "—" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    private static String cell(String s) {
        return oneLine(s).replace("|", "\\|");
    }
}
