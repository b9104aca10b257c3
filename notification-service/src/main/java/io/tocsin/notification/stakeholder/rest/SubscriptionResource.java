package io.tocsin.notification.stakeholder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Priority;
import io.tocsin.notification.stakeholder.model.Subscription;
import io.tocsin.notification.stakeholder.service.StakeholderService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Which group hears about which service's incidents, from which priority up. */
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SubscriptionResource {

    public record SubscriptionRequest(
            @NotNull UUID groupId,
            @NotBlank @Pattern(regexp = "\\*|[a-z0-9][a-z0-9._-]{0,99}", message = "must be a service slug or *") String service,
            @NotNull Priority minPriority) {
    }

    public record SubscriptionView(UUID id, UUID groupId, String service, String minPriority) {
        static SubscriptionView of(Subscription s) {
            return new SubscriptionView(s.id, s.groupId, s.service, s.minPriority);
        }
    }

    private final StakeholderService stakeholders;

    public SubscriptionResource(StakeholderService stakeholders) {
        this.stakeholders = stakeholders;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<List<SubscriptionView>> list() {
        return stakeholders.subscriptions().map(all -> all.stream().map(SubscriptionView::of).toList());
    }

    @POST
    public Uni<Response> create(@Valid @NotNull SubscriptionRequest request) {
        return stakeholders.subscribe(request.groupId(), request.service(), request.minPriority().name())
                .map(s -> Response.created(URI.create("/api/v1/subscriptions/" + s.id)).entity(SubscriptionView.of(s)).build());
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return stakeholders.unsubscribe(id).replaceWith(Response.noContent().build());
    }
}
