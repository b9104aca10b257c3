package io.tocsin.escalation.schedule.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.tocsin.escalation.schedule.model.Schedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** Schedules by id. */
@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<Schedule, UUID> {

    /** Schedules with {@code responderId} among a layer's participants (jsonb containment: the id compared whole). */
    public Uni<Long> countWithParticipant(String responderId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        select count(*) from schedule
                        where layers @> jsonb_build_array(jsonb_build_object('rotation',
                            jsonb_build_object('participants', jsonb_build_array(cast(?1 as text)))))""", Long.class)
                .setParameter(1, responderId).getSingleResult());
    }
}
