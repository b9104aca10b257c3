package io.tocsin.escalation.schedule.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.rest.QueryParams;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.schedule.service.ScheduleService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who is on call (in one schedule or all, now or at any time) and when the caller is. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
public class OnCallResource {

    /** Who is on call at {@code at}: per schedule, and everyone together in {@code responders}. */
    public record OnCallView(UUID schedule, Instant at, List<String> responders,
                             List<ScheduleService.ScheduleOnCall> schedules) {
    }

    public record MyOnCallView(String responderId, Instant at, boolean onCallNow,
                               List<ScheduleService.MyShift> shifts) {
    }

    private final ScheduleService schedules;
    private final CurrentActor actor;

    public OnCallResource(ScheduleService schedules, CurrentActor actor) {
        this.schedules = schedules;
        this.actor = actor;
    }

    @GET
    @Path("/oncall")
    public Uni<OnCallView> onCall(@QueryParam("schedule") String schedule, @QueryParam("at") String at) {
        UUID id = schedule == null || schedule.isBlank() ? null : QueryParams.uuid("schedule", schedule);
        Instant when = QueryParams.instant("at", at, Instant.now());
        return schedules.onCallEverywhere(id, when).map(list -> new OnCallView(id, when,
                list.stream().flatMap(s -> s.responders().stream()).distinct().toList(), list));
    }

    /** The caller's shifts over the next 60 days as an iCalendar feed. */
    @GET
    @Path("/me/oncall.ics")
    @Produces("text/calendar")
    public Uni<String> myCalendar() {
        String me = actor.id();
        Instant now = Instant.now();
        return schedules.shiftsOf(me, now, now.plus(Duration.ofDays(60)))
                .map(shifts -> io.tocsin.escalation.schedule.rest.ICalendar.of(me, shifts, now));
    }

    /** The caller's current and upcoming shifts over the next 14 days. */
    @GET
    @Path("/me/oncall")
    public Uni<MyOnCallView> me() {
        String me = actor.id();
        Instant now = Instant.now();
        return schedules.shiftsOf(me, now, now.plus(Duration.ofDays(14))).map(shifts -> new MyOnCallView(me, now,
                shifts.stream().anyMatch(s -> !s.start().isAfter(now) && s.end().isAfter(now)), shifts));
    }
}
