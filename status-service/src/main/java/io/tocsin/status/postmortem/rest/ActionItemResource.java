package io.tocsin.status.postmortem.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Priority;
import io.tocsin.status.postmortem.model.ActionItem;
import io.tocsin.status.postmortem.service.PostmortemService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Action items across postmortems: the overdue list, and updates by incident commanders. Stakeholders see the items
 * of published postmortems only.
 */
@Path("/api/v1/action-items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionItemResource {

    public record UpdateRequest(
            @Size(min = 1, max = 300) String title,
            @Size(max = 200) String owner,
            LocalDate dueDate,
            Priority priority,
            ActionItem.Status status) {
    }

    private final PostmortemService postmortems;
    private final CurrentActor actor;

    public ActionItemResource(PostmortemService postmortems, CurrentActor actor) {
        this.postmortems = postmortems;
        this.actor = actor;
    }

    /** A page of action items, or with {@code overdue=true} of those past their due date (UTC) and not done. */
    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN, Roles.STAKEHOLDER})
    public Uni<List<PostmortemResource.ActionItemView>> list(@QueryParam("overdue") boolean overdue,
                                                            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return postmortems.actionItems(overdue, LocalDate.now(ZoneOffset.UTC), PostmortemResource.publishedOnly(actor),
                        offset, limit)
                .map(items -> items.stream().map(PostmortemResource.ActionItemView::of).toList());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Uni<PostmortemResource.ActionItemView> update(@PathParam("id") UUID id, @NotNull @Valid UpdateRequest request) {
        return postmortems.updateActionItem(id, request.title(), request.owner(), request.dueDate(), request.priority(),
                request.status()).map(PostmortemResource.ActionItemView::of);
    }
}
