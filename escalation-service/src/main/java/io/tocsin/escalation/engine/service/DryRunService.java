package io.tocsin.escalation.engine.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.model.Steps;
import io.tocsin.escalation.policy.repository.MatrixRepository;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The escalation matrix's dry run: "who would be paged, and when", walking a policy as the engine would (the same
 * {@link Resolver} and step maths), without paging anyone.
 */
@ApplicationScoped
public class DryRunService {

    /** Who a dry run would page at one step (or why nobody), and how. */
    public record PlannedStep(int step, int loop, Instant at, String policyName, List<PlannedPage> pages,
                              String skipped) {
    }

    public record PlannedPage(String recipientId, String name, String contact, String address, Instant at) {
    }

    public record DryRun(String service, Priority priority, Instant at, UUID policyId, String policyName,
                         List<PlannedStep> steps, boolean truncated) {
    }

    private final MatrixRepository matrix;
    private final PolicyRepository policies;
    private final Resolver resolver;
    private final EngineConfig config;

    public DryRunService(MatrixRepository matrix, PolicyRepository policies, Resolver resolver, EngineConfig config) {
        this.matrix = matrix;
        this.policies = policies;
        this.resolver = resolver;
        this.config = config;
    }

    /** "Who would be paged, and when, for a {@code priority} incident on {@code service} triggered at {@code at}." */
    @WithSession
    public Uni<DryRun> dryRun(String service, Priority priority, Instant at) {
        return matrix.lookup(service, priority.name()).chain(entry -> {
            if (entry == null) {
                throw ProblemException.notFound("Escalation matrix entry for " + service + " " + priority
                        + " (and no default for " + priority + ")");
            }
            return policies.findById(entry.policyId).chain(p -> {
                List<PlannedStep> steps = new ArrayList<>();
                return simulate(p, 0, 0, 0, at, steps, config.dryRunMaxSteps())
                        .map(truncated -> new DryRun(service, priority, at, entry.policyId, p.name, steps, truncated));
            });
        });
    }

    /** Walks the policy as the engine would, resolving schedules at each step's time; true when cut short. */
    private Uni<Boolean> simulate(EscalationPolicy p, int index, int loop, int loopStart, Instant at,
                                  List<PlannedStep> steps, int budget) {
        if (budget == 0) {
            return Uni.createFrom().item(true);
        }
        List<PolicySpec.Level> levels = p.levels;
        PolicySpec.Level level = levels.get(index);
        return resolver.resolve(level, loop, at).chain(people -> {
            List<PlannedPage> pages = new ArrayList<>();
            people.forEach(r -> r.deliveries().forEach(d -> pages.add(new PlannedPage(r.id, r.name,
                    d.contact().kind().name(), d.contact().address(), at.plusSeconds(d.delaySeconds())))));
            steps.add(new PlannedStep(index + 1, loop, at, p.name, pages,
                    people.isEmpty() ? "nobody on call: skipped to the next level" : null));
            long delay = people.isEmpty() ? 0 : level.delaySeconds();
            Instant next = at.plus(Duration.ofSeconds(delay));
            Steps.Position pos = Steps.after(levels.size(), p.repeatCount, index, loop, loopStart);
            if (!pos.exhausted()) {
                return simulate(p, pos.level(), pos.loop(), loopStart, next, steps, budget - 1);
            }
            if (p.thenPolicyId == null) {
                return Uni.createFrom().item(false);
            }
            return policies.findById(p.thenPolicyId)
                    .chain(then -> simulate(then, 0, loop + 1, loop + 1, next, steps, budget - 1));
        });
    }
}
