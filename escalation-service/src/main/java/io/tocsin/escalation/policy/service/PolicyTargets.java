package io.tocsin.escalation.policy.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.repository.PolicyRepository;
import io.tocsin.escalation.responder.service.ResponderReferences;
import io.tocsin.escalation.schedule.service.ScheduleReferences;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** A responder or schedule that a policy level targets is still in use. */
@ApplicationScoped
public class PolicyTargets implements ResponderReferences, ScheduleReferences {

    private final PolicyRepository policies;

    public PolicyTargets(PolicyRepository policies) {
        this.policies = policies;
    }

    @Override
    public Uni<Boolean> names(String responderId) {
        return policies.countTargeting(PolicySpec.Target.Type.RESPONDER, responderId).map(n -> n > 0);
    }

    @Override
    public Uni<Boolean> names(UUID scheduleId) {
        return policies.countTargeting(PolicySpec.Target.Type.SCHEDULE, scheduleId.toString()).map(n -> n > 0);
    }
}
