package io.tocsin.escalation.policy.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.policy.service.MatrixService;
import io.tocsin.escalation.policy.service.MatrixService.Matrix;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


/** Admin API for the escalation matrix (its dry run: engine.rest.DryRunResource). */
@Path("/api/v1/escalation-matrix")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MatrixResource {

    private final MatrixService matrix;
    private final CurrentActor actor;

    public MatrixResource(MatrixService matrix, CurrentActor actor) {
        this.matrix = matrix;
        this.actor = actor;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<Matrix> get() {
        return matrix.get();
    }

    @PUT
    public Uni<Matrix> replace(@NotNull @Valid Matrix request) {
        return matrix.replace(request, actor.id());
    }
}
