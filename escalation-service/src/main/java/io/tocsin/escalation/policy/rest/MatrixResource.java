package io.tocsin.escalation.policy.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.policy.service.MatrixService;
import io.tocsin.escalation.policy.service.MatrixService.DryRun;
import io.tocsin.escalation.policy.service.MatrixService.Matrix;
import io.tocsin.events.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;

/** Admin API for the escalation matrix, and its dry run. */
@Path("/api/v1/escalation-matrix")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class MatrixResource {

    /** "Who would be paged, and when, for a P1 on checkout-api at time T" (T defaults to now). */
    public record DryRunRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
            String service,
            @NotNull Priority priority,
            Instant at) {
    }

    private final MatrixService matrix;

    public MatrixResource(MatrixService matrix) {
        this.matrix = matrix;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER, Roles.INCIDENT_COMMANDER})
    public Uni<Matrix> get() {
        return matrix.get();
    }

    @PUT
    public Uni<Matrix> replace(@NotNull @Valid Matrix request, @Context SecurityContext caller) {
        return matrix.replace(request, caller.getUserPrincipal().getName());
    }

    @POST
    @Path("/dry-run")
    @RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
    public Uni<DryRun> dryRun(@NotNull @Valid DryRunRequest request) {
        return matrix.dryRun(request.service(), request.priority(), request.at() == null ? Instant.now() : request.at());
    }
}
