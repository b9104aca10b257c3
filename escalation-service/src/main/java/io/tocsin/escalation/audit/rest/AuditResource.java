package io.tocsin.escalation.audit.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.security.Roles;
import io.tocsin.escalation.audit.model.AuditEntry;
import io.tocsin.escalation.audit.service.AuditService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Who changed the escalation configuration, newest first (admin only). */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    public Uni<List<AuditEntry>> latest(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return audit.latest(limit);
    }
}
