package io.tocsin.escalation.schedule.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.responder.service.ResponderReferences;
import io.tocsin.escalation.schedule.repository.OverrideRepository;
import io.tocsin.escalation.schedule.repository.ScheduleRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** A responder who takes part in a schedule's rotation, or in one of its overrides, is still in use. */
@ApplicationScoped
public class ScheduleParticipants implements ResponderReferences {

    private final ScheduleRepository schedules;
    private final OverrideRepository overrides;

    public ScheduleParticipants(ScheduleRepository schedules, OverrideRepository overrides) {
        this.schedules = schedules;
        this.overrides = overrides;
    }

    @Override
    public Uni<Boolean> names(String responderId) {
        return schedules.countWithParticipant(responderId)
                .chain(inLayers -> inLayers > 0 ? Uni.createFrom().item(true)
                        : overrides.count("responderId = ?1 or replaces = ?1", responderId).map(n -> n > 0));
    }
}
