package io.tocsin.escalation.engine.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.engine.service.DryRunService;
import io.tocsin.escalation.engine.service.DryRunService.DryRun;
import io.tocsin.events.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/**
 * The escalation matrix's dry run. It sits under the matrix's path (the policy feature's MatrixResource) but belongs
 * to the engine, whose paging it simulates.
 */
@Path("/api/v1/escalation-matrix/dry-run")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.INCIDENT_COMMANDER})
public class DryRunResource {

    /** "Who would be paged, and when, for a P1 on checkout-api at time T" (T defaults to now). */
    public record DryRunRequest(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
            String service,
            @NotNull Priority priority,
            Instant at) {
    }

    private final DryRunService dryRuns;

    public DryRunResource(DryRunService dryRuns) {
        this.dryRuns = dryRuns;
    }

    @POST
    public Uni<DryRun> dryRun(@NotNull @Valid DryRunRequest request) {
        return dryRuns.dryRun(request.service(), request.priority(), request.at() == null ? Instant.now() : request.at());
    }
}
