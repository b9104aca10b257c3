package io.tocsin.incident.classification;

import com.google.re2j.Pattern;
import io.tocsin.events.Priority;
import io.tocsin.incident.classification.model.AlertFacts;
import io.tocsin.incident.classification.service.RuleMatcher;
import io.tocsin.incident.classification.service.RuleMatcher.LabelCondition;
import io.tocsin.incident.classification.service.RuleMatcher.Op;
import io.tocsin.incident.classification.service.RuleMatcher.Rule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleMatcherTest {

    private static final UUID INTEGRATION = UUID.randomUUID();

    private static AlertFacts alert(String severity, String summary, Map<String, String> labels) {
        return new AlertFacts(INTEGRATION, null, severity, "db-1", summary, labels);
    }

    private static Rule rule(String name, Priority priority, String severity, Pattern summary, List<LabelCondition> labels,
                             String setService) {
        return new Rule(UUID.randomUUID(), name, null, null, severity, null, summary, labels, priority, setService, false);
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
        Rule payments = rule("payments", Priority.P1, null, RuleMatcher.pattern("payment"), List.of(), "payments");
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
    void aRuleThatMarksPersonalDataBreachesSaysSoInItsDecisionTheDefaultNever() {
        Rule pii = new Rule(UUID.randomUUID(), "pii", null, null, null, null, Pattern.compile("customer export"),
                List.of(), Priority.P1, null, true);
        assertTrue(RuleMatcher.decide(List.of(pii), alert("warning", "customer export public", Map.of()), "s")
                .personalDataBreach());
        assertFalse(RuleMatcher.decide(List.of(pii), alert("critical", "disk full", Map.of()), "s").personalDataBreach());
    }

    @Test
    void integrationAndServiceConditionsUseTheAlertsValues() {
        Rule other = new Rule(UUID.randomUUID(), "other", UUID.randomUUID(), null, null, null, null, List.of(),
                Priority.P1, null, false);
        Rule search = new Rule(UUID.randomUUID(), "search", null, "search", null, null, null, List.of(), Priority.P2, null,
                false);
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(other), alert("info", "x", Map.of()), "s").priority());
        assertEquals(Priority.P2, RuleMatcher.decide(List.of(search), alert("info", "x", Map.of()), "search").priority());
        assertEquals(Priority.P4, RuleMatcher.decide(List.of(search), alert("info", "x", Map.of()), "checkout").priority());
    }

    /**
     * An admin's pattern with nested quantifiers against crafted alert text: a backtracking engine needs about 2^60
     * steps here (intake would never answer); the linear-time engine decides at once. The bound is not a speed
     * assertion but "finishes at all".
     */
    @Test
    void aPatternCannotBeTurnedIntoADenialOfServiceByAlertText() {
        Rule evil = rule("evil", Priority.P1, null, RuleMatcher.pattern("^(a+)+b$"), List.of(
                LabelCondition.of("host", Op.REGEX, "(x|x)*y")), null);
        AlertFacts crafted = alert("info", "a".repeat(60) + "c", Map.of("host", "x".repeat(60)));
        RuleMatcher.Decision d = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> RuleMatcher.decide(List.of(evil), crafted, "s"));
        assertEquals(Priority.P4, d.priority());
    }

    @Test
    void patternsTheLinearEngineCannotRunAreRefusedWithAReason() {
        assertNull(RuleMatcher.invalid("^(pay|check)[a-z]+$"));
        assertNotNull(RuleMatcher.invalid("(a)\\1"));
        assertNotNull(RuleMatcher.invalid("(?<=x)y"));
        assertNotNull(RuleMatcher.invalid("([unclosed"));
    }
}
