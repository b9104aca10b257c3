package io.tocsin.classification;

import io.tocsin.classification.service.RuleMatcher;
import io.tocsin.classification.service.RuleMatcher.LabelCondition;
import io.tocsin.classification.service.RuleMatcher.Op;
import io.tocsin.classification.service.RuleMatcher.Rule;
import io.tocsin.events.Priority;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RuleMatcherTest {

    private static final UUID INTEGRATION = UUID.randomUUID();

    private static AlertFacts alert(String severity, String summary, Map<String, String> labels) {
        return new AlertFacts(INTEGRATION, null, severity, "db-1", summary, labels);
    }

    private static Rule rule(String name, Priority priority, String severity, Pattern summary, List<LabelCondition> labels,
                             String setService) {
        return new Rule(UUID.randomUUID(), name, null, null, severity, null, summary, labels, priority, setService);
    }

    @Test
    void withoutRulesTheSeverityDecides() {
        assertEquals(Priority.P1, RuleMatcher.decide(List.of(), alert("critical", "x", Map.of()), "svc").priority());
        assertEquals(Priority.P2, RuleMatcher.decide(List.of(), alert("error", "x", Map.of()), "svc").priority());
        assertEquals(Priority.P3, RuleMatcher.decide(List.of(), alert("warning", "x", Map.of()), "svc").priority());
        RuleMatcher.Decision info = RuleMatcher.decide(List.of(), alert("info", "x", Map.of()), "svc");
        assertEquals(Priority.P4, info.priority());
        assertEquals("svc", info.service());
        assertNull(info.ruleId());
    }

    @Test
    void theFirstMatchingRuleWins() {
        Rule payments = rule("payments", Priority.P1, null, Pattern.compile("payment"), List.of(), "payments");
        Rule warnings = rule("warnings", Priority.P4, "warning", null, List.of(), null);
        RuleMatcher.Decision d = RuleMatcher.decide(List.of(payments, warnings),
                alert("warning", "payment latency high", Map.of()), "checkout-api");
        assertEquals(Priority.P1, d.priority());
        assertEquals("payments", d.service());
        assertEquals("payments", d.ruleName());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(payments, warnings),
                alert("warning", "disk latency", Map.of()), "checkout-api").priority());
    }

    @Test
    void labelConditionsEqualsRegexAndExists() {
        Rule prod = rule("prod", Priority.P1, null, null, List.of(
                LabelCondition.of("env", Op.EQUALS, "prod"),
                LabelCondition.of("team", Op.REGEX, "^(pay|check)"),
                LabelCondition.of("customer_facing", Op.EXISTS, null)), null);
        assertEquals(Priority.P1, RuleMatcher.decide(List.of(prod), alert("info", "x",
                Map.of("env", "prod", "team", "payments", "customer_facing", "yes")), "s").priority());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(prod), alert("info", "x",
                Map.of("env", "staging", "team", "payments", "customer_facing", "yes")), "s").priority());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(prod), alert("info", "x",
                Map.of("env", "prod", "team", "search", "customer_facing", "yes")), "s").priority());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(prod), alert("info", "x",
                Map.of("env", "prod", "team", "payments")), "s").priority());
    }

    @Test
    void integrationAndServiceConditionsUseTheAlertsValues() {
        Rule other = new Rule(UUID.randomUUID(), "other", UUID.randomUUID(), null, null, null, null, List.of(),
                Priority.P1, null);
        Rule search = new Rule(UUID.randomUUID(), "search", null, "search", null, null, null, List.of(), Priority.P2, null);
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(other), alert("info", "x", Map.of()), "s").priority());
        assertEquals(Priority.P2, RuleMatcher.decide(List.of(search), alert("info", "x", Map.of()), "search").priority());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(search), alert("info", "x", Map.of()), "checkout").priority());
    }
}
