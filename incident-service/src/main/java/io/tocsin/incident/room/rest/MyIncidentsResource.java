package io.tocsin.incident.room.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.incident.room.service.RoleService;
import io.tocsin.incident.shared.config.IncidentConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** "Where am I needed?": the incidents in which the caller holds a role, and which roles. */
@Path("/api/v1/me/incidents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class MyIncidentsResource {

    /** One incident, compact, with the caller's roles in it ("commander", "scribe", …). */
    public record MyIncidentView(UUID id, String service, String priority, String status, String phase, String summary,
                                 Instant createdAt, Instant respondBy, List<String> roles) {
    }

    public record Page(List<MyIncidentView> items) {
    }

    private final RoleService roles;
    private final CurrentActor actor;
    private final IncidentConfig config;

    public MyIncidentsResource(RoleService roles, CurrentActor actor, IncidentConfig config) {
        this.roles = roles;
        this.actor = actor;
        this.config = config;
    }

    /** {@code status}: open (default) or all; {@code limit}: 1 to the configured page size (default 25). */
    @GET
    public Uni<Page> mine(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        String which = status == null ? "open" : status;
        if (!which.equals("open") && !which.equals("all")) {
            throw new ProblemException(400, "status must be open or all", List.of());
        }
        int size = limit == null ? 25 : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemException(400, "limit must be between 1 and " + config.maxPageSize(), List.of());
        }
        return roles.mine(actor.id(), which.equals("all"), size).map(list -> new Page(list.stream()
                .map(m -> new MyIncidentView(m.incident().id, m.incident().service, m.incident().priority,
                        m.incident().status.name(), m.incident().phase.name(), m.incident().summary,
                        m.incident().createdAt, m.incident().respondBy,
                        m.roles().stream().map(RoleViews::slug).toList()))
                .toList()));
    }
}
