package io.tocsin.escalation.schedule.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.schedule.model.ScheduleOverride;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Overrides of a schedule. */
@ApplicationScoped
public class OverrideRepository implements PanacheRepositoryBase<ScheduleOverride, UUID> {

    /** Overrides of {@code scheduleId} that touch [from, to). */
    public Uni<List<ScheduleOverride>> overlapping(UUID scheduleId, Instant from, Instant to) {
        return list("scheduleId = ?1 and endsAt > ?2 and startsAt < ?3 order by startsAt", scheduleId, from, to);
    }
}
