package io.tocsin.escalation.schedule.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tocsin.escalation.schedule.model.Schedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Schedules by id. */
@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<Schedule, UUID> {
}
