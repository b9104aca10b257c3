package io.tocsin.escalation.schedule.service;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Configuration elsewhere that names schedules (escalation policies): a schedule still named there cannot be deleted.
 * The policy feature implements it, so the schedule feature needs not know policies.
 */
public interface ScheduleReferences {

    /** Whether anything of this kind still names schedule {@code scheduleId}; inside the caller's transaction. */
    Uni<Boolean> names(UUID scheduleId);
}
