package io.tocsin.incident.classification.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Priority;
import io.tocsin.incident.classification.model.AlertFacts;
import io.tocsin.incident.classification.model.ClassificationRule;
import io.tocsin.incident.classification.model.LabelMatch;
import io.tocsin.incident.classification.repository.ClassificationRuleRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Classification rules: their administration, and the decision for each alert. */
@ApplicationScoped
public class ClassificationService {

    /** A rule as an admin writes it; null conditions match anything. */
    public record RuleDefinition(String name, Integer position, Boolean enabled, UUID integrationId, String service,
                                 String severity, String source, String summary, List<LabelMatch> labels,
                                 String priority, String setService, Boolean personalDataBreach) {
    }

    /** The enabled rules, compiled, as last read. */
    private record Compiled(List<RuleMatcher.Rule> rules, long readAtNanos) {
    }

    /** How long intake trusts the rules it read; another replica's rule change takes effect within this. */
    static final Duration CACHED_FOR = Duration.ofSeconds(5);

    private final ClassificationRuleRepository rules;
    private volatile Compiled compiled;

    public ClassificationService(ClassificationRuleRepository rules) {
        this.rules = rules;
    }

    /**
     * Priority and service for an alert; runs inside the caller's session. Every alert is classified, so the
     * compiled rules are kept for {@link #CACHED_FOR}; changes made here clear them at once.
     */
    public Uni<RuleMatcher.Decision> classify(AlertFacts alert, String defaultService) {
        Compiled current = compiled;
        Uni<List<RuleMatcher.Rule>> enabled = current != null && System.nanoTime() - current.readAtNanos() < CACHED_FOR.toNanos()
                ? Uni.createFrom().item(current.rules())
                : rules.enabledInOrder().map(list -> {
                    List<RuleMatcher.Rule> fresh = list.stream().map(this::compile).toList();
                    compiled = new Compiled(fresh, System.nanoTime());
                    return fresh;
                });
        return enabled.map(list -> RuleMatcher.decide(list, alert, defaultService));
    }

    @WithSession
    public Uni<RuleMatcher.Decision> dryRun(AlertFacts alert, String defaultService) {
        return classify(alert, defaultService);
    }

    @WithSession
    public Uni<List<ClassificationRule>> list() {
        return rules.inOrder();
    }

    public Uni<ClassificationRule> create(RuleDefinition definition) {
        validate(definition);
        ClassificationRule rule = new ClassificationRule();
        rule.id = UUID.randomUUID();
        rule.createdAt = Instant.now();
        return afterCommitForget(Panache.withTransaction(() -> (definition.position() != null
                ? Uni.createFrom().item(definition.position()) : rules.nextPosition())
                .chain(p -> {
                    apply(rule, definition, p);
                    return rules.persist(rule);
                })));
    }

    public Uni<ClassificationRule> update(UUID id, RuleDefinition definition) {
        validate(definition);
        return afterCommitForget(Panache.withTransaction(() -> rules.findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Classification rule " + id))
                .invoke(rule -> apply(rule, definition, definition.position() != null ? definition.position() : rule.position))));
    }

    public Uni<Void> delete(UUID id) {
        return afterCommitForget(Panache.withTransaction(() -> rules.deleteById(id).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Classification rule " + id);
            }
        }).replaceWithVoid()));
    }

    /** Forgets the compiled rules once {@code change} committed (a read before the commit would be stale). */
    private <T> Uni<T> afterCommitForget(Uni<T> change) {
        return change.invoke(() -> compiled = null);
    }

    private void apply(ClassificationRule rule, RuleDefinition d, int position) {
        rule.position = position;
        rule.name = d.name();
        rule.enabled = d.enabled() == null || d.enabled();
        rule.matchIntegration = d.integrationId();
        rule.matchService = d.service();
        rule.matchSeverity = d.severity();
        rule.matchSource = d.source();
        rule.matchSummary = d.summary();
        rule.matchLabels = d.labels() == null ? List.of() : List.copyOf(d.labels());
        rule.setPriority = d.priority();
        rule.setService = d.setService();
        rule.markPersonalDataBreach = Boolean.TRUE.equals(d.personalDataBreach());
    }

    /** Checks what Bean Validation cannot: that every regular expression compiles and label conditions are whole. */
    private static void validate(RuleDefinition d) {
        List<String> errors = new ArrayList<>();
        checkRegex("source", d.source(), errors);
        checkRegex("summary", d.summary(), errors);
        if (d.labels() != null) {
            for (int i = 0; i < d.labels().size(); i++) {
                LabelMatch label = d.labels().get(i);
                String where = "labels[" + i + "]";
                if (label == null || label.key() == null || label.key().isBlank()) {
                    errors.add(where + ".key: must not be blank");
                    continue;
                }
                RuleMatcher.Op op = op(label.op());
                if (op == null) {
                    errors.add(where + ".op: must be one of equals, regex, exists");
                } else if (op != RuleMatcher.Op.EXISTS && label.value() == null) {
                    errors.add(where + ".value: must be given for " + label.op());
                } else if (op == RuleMatcher.Op.REGEX) {
                    checkRegex(where + ".value", label.value(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The rule is not valid", errors);
        }
    }

    private static void checkRegex(String field, String regex, List<String> errors) {
        if (regex == null) {
            return;
        }
        String invalid = RuleMatcher.invalid(regex);
        if (invalid != null) {
            errors.add(field + ": " + invalid);
        }
    }

    private static RuleMatcher.Op op(String name) {
        if (name == null) {
            return null;
        }
        try {
            return RuleMatcher.Op.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private RuleMatcher.Rule compile(ClassificationRule rule) {
        List<RuleMatcher.LabelCondition> labels = rule.matchLabels.stream()
                .map(l -> RuleMatcher.LabelCondition.of(l.key(), op(l.op()), l.value()))
                .toList();
        return new RuleMatcher.Rule(rule.id, rule.name, rule.matchIntegration, rule.matchService, rule.matchSeverity,
                rule.matchSource == null ? null : RuleMatcher.pattern(rule.matchSource),
                rule.matchSummary == null ? null : RuleMatcher.pattern(rule.matchSummary),
                labels, Priority.valueOf(rule.setPriority), rule.setService, rule.markPersonalDataBreach);
    }
}
