package io.tocsin.escalation.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.shared.service.Checks;
import io.tocsin.escalation.audit.repository.Audit;
import io.tocsin.escalation.engine.config.EngineConfig;
import io.tocsin.escalation.engine.service.Resolver;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.MatrixEntry;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.model.Steps;
import io.tocsin.escalation.policy.repository.MatrixRepository;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.responder.service.ResponderService;
import io.tocsin.events.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The escalation matrix (service × priority → policy) and its dry run. */
@ApplicationScoped
public class MatrixService {

    public record Entry(@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
                        String service,
                        @NotNull Priority priority,
                        @NotNull UUID policyId) {
    }

    public record Matrix(@NotNull List<@NotNull @Valid Entry> entries) {
    }

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
    private final PolicyService policyService;
    private final Resolver resolver;
    private final ResponderService responders;
    private final EngineConfig config;
    private final Audit audit;

    public MatrixService(MatrixRepository matrix, PolicyRepository policies, PolicyService policyService,
                         Resolver resolver, ResponderService responders, EngineConfig config, Audit audit) {
        this.audit = audit;
        this.matrix = matrix;
        this.policies = policies;
        this.policyService = policyService;
        this.resolver = resolver;
        this.responders = responders;
        this.config = config;
    }

    @WithSession
    public Uni<Matrix> get() {
        return matrix.ordered().map(list -> new Matrix(list.stream()
                .map(e -> new Entry(e.service, Priority.valueOf(e.priority), e.policyId)).toList()));
    }

    /** Replaces the whole matrix; every policy must exist and every (service, priority) appear once. */
    @WithTransaction
    public Uni<Matrix> replace(Matrix request, String actor) {
        Checks checks = new Checks();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < request.entries().size(); i++) {
            Entry e = request.entries().get(i);
            checks.check(keys.add(e.service() + "|" + e.priority()),
                    "entries[" + i + "]: " + (e.service() == null ? "default" : e.service()) + " " + e.priority()
                            + " appears twice");
        }
        checks.throwIfAny();
        List<UUID> ids = request.entries().stream().map(Entry::policyId).distinct().toList();
        return (ids.isEmpty() ? Uni.createFrom().item(0L) : policies.count("id in ?1", ids)).chain(found -> {
            checks.check(found == ids.size(), "entries: unknown escalation policy");
            checks.throwIfAny();
            return matrix.deleteAll();
        }).chain(() -> Multi.createFrom().iterable(request.entries()).onItem().transformToUniAndConcatenate(e -> {
            MatrixEntry row = new MatrixEntry();
            row.id = UUID.randomUUID();
            row.service = e.service();
            row.priority = e.priority().name();
            row.policyId = e.policyId();
            return matrix.persist(row);
        }).collect().asList())
                .call(() -> audit.record(actor, "matrix.replaced", "escalation-matrix",
                        request.entries().size() + " entries"))
                .replaceWith(request);
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
        List<PolicySpec.Level> levels = policyService.levels(p);
        PolicySpec.Level level = levels.get(index);
        return resolver.resolve(level, loop, at).chain(people -> {
            List<PlannedPage> pages = new ArrayList<>();
            people.forEach(r -> responders.deliveries(r).forEach(d -> pages.add(new PlannedPage(r.id, r.name,
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
