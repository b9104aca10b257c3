package io.tocsin.escalation.schedule.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.rest.QueryParams;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.schedule.model.ScheduleSpec;
import io.tocsin.escalation.schedule.model.Shift;
import io.tocsin.escalation.schedule.service.ScheduleService;
import io.tocsin.escalation.schedule.service.ScheduleService.OverrideRequest;
import io.tocsin.escalation.schedule.service.ScheduleService.OverrideView;
import io.tocsin.escalation.schedule.service.ScheduleService.ScheduleView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Schedules (admin), their preview, and overrides (responders change their own shifts, commanders anyone's). */
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ScheduleResource {

    private final ScheduleService schedules;
    private final CurrentActor actor;

    public ScheduleResource(ScheduleService schedules, CurrentActor actor) {
        this.schedules = schedules;
        this.actor = actor;
    }

    @POST
    @ResponseStatus(201)
    public Uni<ScheduleView> create(@NotNull @Valid ScheduleSpec spec) {
        return schedules.create(spec, actor.id());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<ScheduleView>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return schedules.list(offset, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<ScheduleView> get(@PathParam("id") UUID id) {
        return schedules.get(id);
    }

    @PUT
    @Path("/{id}")
    public Uni<ScheduleView> update(@PathParam("id") UUID id, @NotNull @Valid ScheduleSpec spec) {
        return schedules.update(id, spec, actor.id());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return schedules.delete(id, actor.id());
    }

    /** The next {@code count} shifts from {@code from} (default now). */
    @GET
    @Path("/{id}/preview")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<Shift>> preview(@PathParam("id") UUID id, @QueryParam("from") String from,
                                    @QueryParam("count") @DefaultValue("10") @Min(1) @Max(500) int count) {
        return schedules.preview(id, QueryParams.instant("from", from, Instant.now()), count);
    }

    @GET
    @Path("/{id}/overrides")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<OverrideView>> overrides(@PathParam("id") UUID id, @QueryParam("from") String from,
                                             @QueryParam("to") String to) {
        Instant start = QueryParams.instant("from", from, Instant.now());
        return schedules.listOverrides(id, start, QueryParams.instant("to", to, start.plus(Duration.ofDays(90))));
    }

    @POST
    @Path("/{id}/overrides")
    @ResponseStatus(201)
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<OverrideView> addOverride(@PathParam("id") UUID id, @NotNull OverrideRequest request) {
        return schedules.addOverride(id, request, actor.id(), privileged());
    }

    @DELETE
    @Path("/{id}/overrides/{overrideId}")
    @ResponseStatus(204)
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<Void> deleteOverride(@PathParam("id") UUID id, @PathParam("overrideId") UUID overrideId) {
        return schedules.deleteOverride(id, overrideId, actor.id(), privileged());
    }

    /** Commanders and admins may change anyone's shifts; responders only their own (OverridePermissions). */
    private boolean privileged() {
        return actor.hasRole(Roles.ADMIN) || actor.hasRole(Roles.INCIDENT_COMMANDER);
    }
}
