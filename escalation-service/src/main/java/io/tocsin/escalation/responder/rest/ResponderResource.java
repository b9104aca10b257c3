package io.tocsin.escalation.responder.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.privacy.Addresses;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.responder.model.ResponderSpec;
import io.tocsin.escalation.responder.service.ResponderService;
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
import java.util.function.UnaryOperator;

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
    private final CurrentActor actor;

    public ResponderResource(ResponderService responders, CurrentActor actor) {
        this.responders = responders;
        this.actor = actor;
    }

    @POST
    @ResponseStatus(201)
    public Uni<ResponderSpec> create(@NotNull @Valid ResponderSpec spec) {
        return responders.create(spec, actor.id());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<List<ResponderSpec>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        UnaryOperator<ResponderSpec> asSeen = asSeenByCaller();
        return responders.list(offset, limit).map(list -> list.stream().map(asSeen).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<ResponderSpec> get(@PathParam("id") String id) {
        return responders.get(id).map(asSeenByCaller());
    }

    /**
     * Admins and commanders (who configure paging) and the responder themselves see every address; other responders
     * see them masked ({@link Addresses#mask}): enough to know how someone is reached, not enough to use it.
     */
    private UnaryOperator<ResponderSpec> asSeenByCaller() {
        boolean seesAll = actor.hasRole(Roles.ADMIN) || actor.hasRole(Roles.INCIDENT_COMMANDER);
        String me = actor.id();
        return r -> seesAll || r.id().equals(me) ? r : masked(r);
    }

    private static ResponderSpec masked(ResponderSpec r) {
        return new ResponderSpec(r.id(), r.name(), Addresses.mask(r.email()), r.timeZone(), r.locale(),
                r.contactMethods().stream().map(c -> new ResponderSpec.Contact(c.kind(), Addresses.mask(c.address()),
                        c.format())).toList(), r.notificationRules());
    }

    @PUT
    @Path("/{id}")
    public Uni<ResponderSpec> update(@PathParam("id") String id, @NotNull @Valid ResponderSpec spec) {
        return responders.update(id, spec, actor.id());
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public Uni<Void> delete(@PathParam("id") String id) {
        return responders.delete(id, actor.id());
    }
}
