package io.tocsin.escalation.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.escalation.audit.repository.AuditRepository;
import io.tocsin.escalation.policy.model.EscalationPolicy;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.repository.MatrixRepository;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.responder.repository.ResponderRepository;
import io.tocsin.escalation.schedule.repository.ScheduleRepository;
import io.tocsin.escalation.shared.service.Checks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Admin CRUD of escalation policies: targets must exist, hand-overs must not form a cycle. */
@ApplicationScoped
public class PolicyService {

    public record PolicyView(UUID id, String name, int repeat, List<PolicySpec.Level> levels, UUID thenPolicyId) {
    }

    private final PolicyRepository policies;
    private final MatrixRepository matrix;
    private final ResponderRepository responders;
    private final ScheduleRepository schedules;
    private final AuditRepository audit;

    public PolicyService(PolicyRepository policies, MatrixRepository matrix, ResponderRepository responders,
                         ScheduleRepository schedules, AuditRepository audit) {
        this.audit = audit;
        this.policies = policies;
        this.matrix = matrix;
        this.responders = responders;
        this.schedules = schedules;
    }

    @WithTransaction
    public Uni<PolicyView> create(PolicySpec spec, String actor) {
        UUID id = UUID.randomUUID();
        return validate(id, spec).chain(() -> {
            EscalationPolicy p = new EscalationPolicy();
            p.id = id;
            p.createdAt = Instant.now();
            apply(p, spec);
            return policies.persist(p).call(() -> audit.record(actor, "policy.created", id.toString(), p.name))
                    .map(this::view);
        });
    }

    @WithTransaction
    public Uni<PolicyView> update(UUID id, PolicySpec spec, String actor) {
        return find(id).chain(p -> validate(id, spec).chain(ok -> {
            apply(p, spec);
            return audit.record(actor, "policy.updated", id.toString(), p.name).map(x -> view(p));
        }));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, String actor) {
        return find(id).chain(p -> matrix.count("policyId", id)
                .chain(inMatrix -> policies.count("thenPolicyId", id).chain(handedTo -> {
                    if (inMatrix + handedTo > 0) {
                        throw new ProblemException(409,
                                "Policy " + id + " is used by the escalation matrix or another policy");
                    }
                    return policies.delete(p).call(() -> audit.record(actor, "policy.deleted", id.toString(), p.name));
                })));
    }

    @WithSession
    public Uni<PolicyView> get(UUID id) {
        return find(id).map(this::view);
    }

    @WithSession
    public Uni<List<PolicyView>> list(int offset, int limit) {
        return policies.find("order by name, id").range(offset, offset + limit - 1).list()
                .map(list -> list.stream().map(this::view).toList());
    }

    public PolicyView view(EscalationPolicy p) {
        return new PolicyView(p.id, p.name, p.repeatCount, p.levels, p.thenPolicyId);
    }

    private Uni<EscalationPolicy> find(UUID id) {
        return policies.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("Escalation policy " + id));
    }

    private void apply(EscalationPolicy p, PolicySpec spec) {
        p.name = spec.name();
        p.repeatCount = spec.repeat();
        p.levels = List.copyOf(spec.levels());
        p.thenPolicyId = spec.thenPolicyId();
        p.updatedAt = Instant.now();
    }

    private Uni<Boolean> validate(UUID self, PolicySpec spec) {
        Set<String> responderIds = new LinkedHashSet<>();
        Set<UUID> scheduleIds = new LinkedHashSet<>();
        Checks checks = new Checks();
        for (int i = 0; i < spec.levels().size(); i++) {
            for (PolicySpec.Target t : spec.levels().get(i).targets()) {
                if (t.type() == PolicySpec.Target.Type.RESPONDER) {
                    responderIds.add(t.id());
                } else {
                    try {
                        scheduleIds.add(UUID.fromString(t.id()));
                    } catch (IllegalArgumentException e) {
                        checks.check(false, "levels[" + i + "].targets: schedule id " + t.id() + " is not a UUID");
                    }
                }
            }
        }
        checks.throwIfAny();
        return responders.byIds(responderIds)
                .chain(found -> {
                    Set<String> missing = new LinkedHashSet<>(responderIds);
                    found.forEach(r -> missing.remove(r.id));
                    checks.check(missing.isEmpty(), "levels: unknown responder(s) " + String.join(", ", missing));
                    return scheduleIds.isEmpty() ? Uni.createFrom().item(0L)
                            : schedules.count("id in ?1", List.copyOf(scheduleIds));
                })
                .chain(schedulesFound -> {
                    checks.check(schedulesFound == scheduleIds.size(), "levels: unknown schedule(s)");
                    return policies.find("name = ?1", spec.name()).<EscalationPolicy>firstResult();
                })
                .chain(sameName -> {
                    if (sameName != null && !sameName.id.equals(self)) {
                        checks.throwIfAny();
                        throw new ProblemException(409, "A policy named " + spec.name() + " exists");
                    }
                    return spec.thenPolicyId() == null ? Uni.createFrom().item(Map.<UUID, UUID>of()) : handovers();
                })
                .map(handovers -> {
                    if (spec.thenPolicyId() != null) {
                        Map<UUID, UUID> next = new HashMap<>(handovers);
                        checks.check(spec.thenPolicyId().equals(self) || next.containsKey(spec.thenPolicyId()),
                                "thenPolicyId: unknown policy");
                        next.put(self, spec.thenPolicyId());
                        checks.check(!cycle(next, self), "thenPolicyId: hands over in a cycle back to this policy");
                    }
                    checks.throwIfAny();
                    return true;
                });
    }

    /** Every policy id mapped to the policy it hands over to (or to itself as "none"). */
    private Uni<Map<UUID, UUID>> handovers() {
        return policies.listAll().map(all -> {
            Map<UUID, UUID> map = new HashMap<>();
            all.forEach(p -> map.put(p.id, p.thenPolicyId));
            return map;
        });
    }

    static boolean cycle(Map<UUID, UUID> next, UUID start) {
        Set<UUID> seen = new HashSet<>();
        for (UUID at = start; at != null; at = next.get(at)) {
            if (!seen.add(at)) {
                return true;
            }
        }
        return false;
    }
}
