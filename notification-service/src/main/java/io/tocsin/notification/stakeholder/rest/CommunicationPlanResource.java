package io.tocsin.notification.stakeholder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.PlanEntry;
import io.tocsin.notification.stakeholder.service.Audience;
import io.tocsin.notification.stakeholder.service.StakeholderService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The communication plan, one entry per priority: events sent, audiences, update cadence. */
@Path("/api/v1/communication-plan")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CommunicationPlanResource {

    public record PlanRequest(
            @NotNull @Size(max = 5) List<PlanEntry.@NotNull Event> events,
            @Size(max = 50) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}") String> audiences,
            @Positive @Max(1440) Integer cadenceMinutes) {
    }

    public record PlanView(String priority, List<String> events, List<String> audiences, Integer cadenceMinutes) {
        static PlanView of(PlanEntry e) {
            return new PlanView(e.priority, List.copyOf(Audience.split(e.events)), List.copyOf(Audience.split(e.audiences)),
                    e.cadenceMinutes);
        }
    }

    private final StakeholderService stakeholders;

    public CommunicationPlanResource(StakeholderService stakeholders) {
        this.stakeholders = stakeholders;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<List<PlanView>> get() {
        return stakeholders.plan().map(all -> all.stream().map(PlanView::of).toList());
    }

    @PUT
    @Path("/{priority}")
    public Uni<PlanView> update(@PathParam("priority") Priority priority, @Valid @NotNull PlanRequest request) {
        return stakeholders.updatePlan(priority.name(), request.events(), request.audiences(), request.cadenceMinutes())
                .map(PlanView::of);
    }
}
