package io.tocsin.incident.classification.service;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.tocsin.events.Priority;
import io.tocsin.incident.classification.model.AlertFacts;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Classification as plain logic: ordered rules, first match wins; with no match the severity decides
 * (critical → P1, error → P2, warning → P3, info → P4) and the service stays the alert's. Patterns run on RE2/J,
 * a linear-time engine: an admin's pattern such as {@code (a+)+b} cannot make intake spin on crafted alert text, as
 * it would with backtracking. RE2 has no backreferences or lookaround; such patterns are refused when saved.
 */
public final class RuleMatcher {

    /** A compiled rule. Null conditions match anything. */
    public record Rule(UUID id, String name, UUID integrationId, String service, String severity, Pattern source,
                       Pattern summary, List<LabelCondition> labels, Priority priority, String setService,
                       boolean personalDataBreach) {
    }

    public enum Op { EQUALS, REGEX, EXISTS }

    public record LabelCondition(String key, Op op, String value, Pattern pattern) {

        public static LabelCondition of(String key, Op op, String value) {
            return new LabelCondition(key, op, value, op == Op.REGEX ? RuleMatcher.pattern(value) : null);
        }

        boolean matches(java.util.Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (op) {
                case EXISTS -> actual != null;
                case EQUALS -> Objects.equals(actual, value);
                case REGEX -> actual != null && pattern.matcher(actual).find();
            };
        }
    }

    /**
     * The outcome, with the deciding rule (null when the severity default decided) and whether that rule marks the
     * incident a personal-data breach.
     */
    public record Decision(Priority priority, String service, UUID ruleId, String ruleName, boolean personalDataBreach) {
    }

    private RuleMatcher() {
    }

    /** Compiles a rule's pattern for the linear-time engine; throws PatternSyntaxException for what it refuses. */
    public static Pattern pattern(String regex) {
        return Pattern.compile(regex);
    }

    /** Null when {@code regex} compiles, otherwise why not, for a 422. */
    public static String invalid(String regex) {
        try {
            pattern(regex);
            return null;
        } catch (PatternSyntaxException e) {
            return "not a valid regular expression for the linear-time (RE2) engine: " + e.getDescription()
                    + (e.getDescription().contains("invalid or unsupported Perl syntax")
                    ? " (backreferences and lookaround are not supported)" : "");
        }
    }

    public static Decision decide(List<Rule> rules, AlertFacts alert, String defaultService) {
        String service = alert.service() != null ? alert.service() : defaultService;
        for (Rule rule : rules) {
            if (matches(rule, alert, service)) {
                return new Decision(rule.priority(), rule.setService() != null ? rule.setService() : service,
                        rule.id(), rule.name(), rule.personalDataBreach());
            }
        }
        return new Decision(bySeverity(alert.severity()), service, null, null, false);
    }

    public static Priority bySeverity(String severity) {
        return switch (severity) {
            case "critical" -> Priority.P1;
            case "error" -> Priority.P2;
            case "warning" -> Priority.P3;
            case "info" -> Priority.P4;
            default -> throw new IllegalArgumentException("Unknown severity " + severity);
        };
    }

    private static boolean matches(Rule rule, AlertFacts alert, String service) {
        return (rule.integrationId() == null || rule.integrationId().equals(alert.integrationId()))
                && (rule.service() == null || rule.service().equals(service))
                && (rule.severity() == null || rule.severity().equals(alert.severity()))
                && found(rule.source(), alert.source())
                && found(rule.summary(), alert.summary())
                && rule.labels().stream().allMatch(condition -> condition.matches(alert.labels()));
    }

    private static boolean found(Pattern pattern, String value) {
        return pattern == null || (value != null && pattern.matcher(value).find());
    }
}
