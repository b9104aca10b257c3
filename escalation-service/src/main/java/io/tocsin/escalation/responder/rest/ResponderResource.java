package io.tocsin.escalation.responder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.privacy.Addresses;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.responder.model.ResponderSpec;
import io.tocsin.escalation.responder.service.ResponderService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/**
 * Admin API for responders: who can be paged and how. Responders and commanders may read; responders see other
 * people's addresses masked.
 */
@Path("/api/v1/responders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ResponderResource {

    private final ResponderService responders;

    public ResponderResource(ResponderService responders) {
        this.responders = responders;
    }

    @POST
    @ResponseStatus(201)
    public Uni<ResponderSpec> create(@NotNull @Valid ResponderSpec spec, @Context SecurityContext caller) {
        return responders.create(spec, caller.getUserPrincipal().getName());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<ResponderSpec>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
                                 @Context SecurityContext caller) {
        return responders.list(offset, limit).map(list -> list.stream().map(r -> asSeenBy(r, caller)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<ResponderSpec> get(@PathParam("id") String id, @Context SecurityContext caller) {
        return responders.get(id).map(r -> asSeenBy(r, caller));
    }

    /**
     * Admins and commanders (who configure paging) and the responder themselves see every address; other responders
     * see them masked ({@link Addresses#mask}): enough to know how someone is reached, not enough to use it.
     */
    static ResponderSpec asSeenBy(ResponderSpec r, SecurityContext caller) {
        if (caller.isUserInRole(Roles.ADMIN) || caller.isUserInRole(Roles.INCIDENT_COMMANDER)
                || r.id().equals(caller.getUserPrincipal().getName())) {
            return r;
        }
        return new ResponderSpec(r.id(), r.name(), Addresses.mask(r.email()), r.timeZone(), r.locale(),
                r.contactMethods().stream().map(c -> new ResponderSpec.Contact(c.kind(), Addresses.mask(c.address()),
                        c.format())).toList(), r.notificationRules());
    }

    @PUT
    @Path("/{id}")
    public Uni<ResponderSpec> update(@PathParam("id") String id, @NotNull @Valid ResponderSpec spec,
                                    @Context SecurityContext caller) {
        return responders.update(id, spec, caller.getUserPrincipal().getName());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") String id, @Context SecurityContext caller) {
        return responders.delete(id, caller.getUserPrincipal().getName());
    }
}
