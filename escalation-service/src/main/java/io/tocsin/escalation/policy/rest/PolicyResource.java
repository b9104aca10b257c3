package io.tocsin.escalation.policy.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.policy.model.PolicySpec;
import io.tocsin.escalation.policy.service.PolicyService;
import io.tocsin.escalation.policy.service.PolicyService.PolicyView;
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

import java.util.List;
import java.util.UUID;

/** Admin API for escalation policies. */
@Path("/api/v1/escalation-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PolicyResource {

    private final PolicyService policies;
    private final CurrentActor actor;

    public PolicyResource(PolicyService policies, CurrentActor actor) {
        this.policies = policies;
        this.actor = actor;
    }

    @POST
    @ResponseStatus(201)
    public Uni<PolicyView> create(@NotNull @Valid PolicySpec spec) {
        return policies.create(spec, actor.id());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<PolicyView>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return policies.list(offset, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<PolicyView> get(@PathParam("id") UUID id) {
        return policies.get(id);
    }

    @PUT
    @Path("/{id}")
    public Uni<PolicyView> update(@PathParam("id") UUID id, @NotNull @Valid PolicySpec spec) {
        return policies.update(id, spec, actor.id());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return policies.delete(id, actor.id());
    }
}
