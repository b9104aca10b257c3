package io.tocsin.status.maintenance.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.maintenance.model.Maintenance;
import io.tocsin.status.maintenance.service.MaintenanceService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Scheduled maintenance: incident commanders plan and cancel windows; responders read them. */
@Path("/api/v1/maintenances")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    public record ScheduleRequest(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 5_000) String description,
            @NotEmpty @Size(max = 50) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}",
                    message = "must be a service slug like checkout-api") String> services,
            @NotNull Instant startsAt,
            @NotNull Instant endsAt) {
    }

    public record MaintenanceView(UUID id, String title, String description, List<String> services, Instant startsAt,
                                  Instant endsAt, String state, String createdBy, Instant startedAt, Instant endedAt) {
        static MaintenanceView of(Maintenance m) {
            return new MaintenanceView(m.id, m.title, m.description, m.serviceList(), m.startsAt, m.endsAt,
                    m.state.name(), m.createdBy, m.startedAt, m.endedAt);
        }
    }

    private final MaintenanceService maintenances;
    private final CurrentActor actor;

    public MaintenanceResource(MaintenanceService maintenances, CurrentActor actor) {
        this.maintenances = maintenances;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<List<MaintenanceView>> list() {
        return maintenances.list().map(list -> list.stream().map(MaintenanceView::of).toList());
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<MaintenanceView> schedule(@NotNull @Valid ScheduleRequest request) {
        return maintenances.schedule(request.title(), request.description(), request.services(), request.startsAt(),
                request.endsAt(), actor.id()).map(MaintenanceView::of);
    }

    /** Cancels a scheduled window, or ends one in progress now. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Uni<MaintenanceView> cancel(@PathParam("id") UUID id) {
        return maintenances.cancel(id).map(MaintenanceView::of);
    }
}
