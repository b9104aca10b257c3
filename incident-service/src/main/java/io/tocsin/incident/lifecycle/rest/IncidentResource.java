package io.tocsin.incident.lifecycle.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Actor;
import io.tocsin.events.Link;
import io.tocsin.events.Phase;
import io.tocsin.events.Priority;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.IncidentCursor;
import io.tocsin.incident.lifecycle.model.IncidentFilter;
import io.tocsin.incident.lifecycle.model.TimelineChain;
import io.tocsin.incident.lifecycle.service.IncidentService;
import io.tocsin.incident.lifecycle.service.OneTapGrants;
import io.tocsin.incident.shared.config.IncidentConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Incidents for responders, built for a phone: compact lists with cursors, ETags, and idempotent actions
 * (acknowledging an acknowledged incident is simply 200). Responders read, acknowledge, resolve, reopen, add notes
 * and take an incident, and snooze the incidents assigned to them; incident-commanders also snooze any incident,
 * change priority and phase and assign others.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class IncidentResource {

    private static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";

    /**
     * Optional body of acknowledge and resolve. A service caller names the person it acts for and shows the one-tap
     * link token issued to them ({@link OneTapGrants}); people's {@code onBehalfOf} and {@code link} are ignored.
     */
    public record ActionRequest(@Valid OneTapGrants.OnBehalfOf onBehalfOf, @Size(max = 200) String link,
                                @Size(max = 2000) String note) {
    }

    public record CreateRequest(@NotNull @Pattern(regexp = SLUG, message = "must be a service slug like checkout-api") String service,
                                @NotNull @Pattern(regexp = "P[1-4]", message = "must be one of P1, P2, P3, P4") String priority,
                                @NotBlank @Size(max = 1024) String summary) {
    }

    public record ReopenRequest(@Size(max = 2000) String reason) {
    }

    public record SnoozeRequest(@NotNull @Min(1) @Max(24 * 60) Integer minutes) {
    }

    public record NoteRequest(@NotBlank @Size(max = 10_000) String text) {
    }

    public record PriorityRequest(@NotNull @Pattern(regexp = "P[1-4]", message = "must be one of P1, P2, P3, P4") String priority,
                                  @NotBlank @Size(max = 1024) String reason) {
    }

    public record PhaseRequest(@NotNull @Pattern(regexp = "detection|analysis|containment|eradication|recovery|lessons-learned",
            message = "must be one of detection, analysis, containment, eradication, recovery, lessons-learned") String phase) {
    }

    public record AssignRequest(@NotBlank @Size(max = 255) String id, @Size(max = 255) String name,
                                @Size(max = 320) String email) {
    }

    private final IncidentService incidents;
    private final CurrentActor actor;
    private final ObjectMapper mapper;
    private final IncidentConfig config;
    private final OneTapGrants grants;

    public IncidentResource(IncidentService incidents, CurrentActor actor, ObjectMapper mapper, IncidentConfig config,
                            OneTapGrants grants) {
        this.incidents = incidents;
        this.grants = grants;
        this.actor = actor;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * {@code status}: open (default), triggered, acknowledged, resolved or all; {@code assignee}: me or a subject;
     * {@code priority}: comma-separated; {@code cursor}: from the previous page's nextCursor.
     */
    @GET
    public Uni<IncidentViews.Page> list(@QueryParam("status") String status, @QueryParam("assignee") String assignee,
                                        @QueryParam("priority") String priority, @QueryParam("service") String service,
                                        @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 25 : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw new ProblemException(400, "limit must be between 1 and " + config.maxPageSize(), List.of());
        }
        if (cursor != null) {
            try {
                IncidentCursor.decode(cursor);
            } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
                throw new ProblemException(400, "cursor is not one this API gave out", List.of());
            }
        }
        IncidentFilter filter = new IncidentFilter(statuses(status),
                "me".equals(assignee) ? actor.id() : assignee, priorities(priority), service, cursor, size);
        Instant now = Instant.now();
        return incidents.list(filter).map(page -> new IncidentViews.Page(
                page.items().stream().map(i -> IncidentViews.summary(i, now)).toList(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return incidents.get(id).map(incident -> {
            String etag = IncidentViews.etag(incident);
            if (etag.equals(ifNoneMatch)) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            return Response.ok(IncidentViews.full(incident, mapper, Instant.now())).header(HttpHeaders.ETAG, etag).build();
        });
    }

    @GET
    @Path("/{id}/timeline")
    public Uni<List<IncidentViews.TimelineEntryView>> timeline(@PathParam("id") UUID id) {
        return incidents.timeline(id).map(list -> list.stream().map(IncidentViews.TimelineEntryView::of).toList());
    }

    /**
     * Proves the timeline: every entry's SHA-256 over its content and the previous entry's hash, and the newest against
     * the head kept on the incident. {@code intact: false} names the first entry that does not hold.
     */
    @GET
    @Path("/{id}/timeline/verify")
    public Uni<TimelineChain.Verification> verifyTimeline(@PathParam("id") UUID id) {
        return incidents.verifyTimeline(id);
    }

    /** Opens an incident by hand (no monitoring system involved). */
    @POST
    @ResponseStatus(201)
    public Uni<Response> create(@NotNull @Valid CreateRequest request) {
        return incidents.create(request.service(), Priority.valueOf(request.priority()), request.summary(),
                List.<Link>of(), actor.actor()).map(this::created);
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN, Roles.SERVICE})
    public Uni<Response> acknowledge(@PathParam("id") UUID id, @Valid ActionRequest request) {
        return incidents.acknowledge(id, actingFor(id, "ACKNOWLEDGE", request)).map(this::ok);
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN, Roles.SERVICE})
    public Uni<Response> resolve(@PathParam("id") UUID id, @Valid ActionRequest request) {
        return incidents.resolve(id, actingFor(id, "RESOLVE", request), request == null ? null : request.note())
                .map(this::ok);
    }

    @POST
    @Path("/{id}/reopen")
    public Uni<Response> reopen(@PathParam("id") UUID id, @Valid ReopenRequest request) {
        return incidents.reopen(id, actor.actor(), request == null ? null : request.reason()).map(this::ok);
    }

    @POST
    @Path("/{id}/snooze")
    public Uni<Response> snooze(@PathParam("id") UUID id, @NotNull @Valid SnoozeRequest request) {
        return incidents.snooze(id, Duration.ofMinutes(request.minutes()), actor.actor(), actor.caller()).map(this::ok);
    }

    @POST
    @Path("/{id}/notes")
    @ResponseStatus(201)
    public Uni<Response> addNote(@PathParam("id") UUID id, @NotNull @Valid NoteRequest request) {
        return incidents.addNote(id, request.text(), actor.actor()).map(this::created);
    }

    @POST
    @Path("/{id}/priority")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<Response> priority(@PathParam("id") UUID id, @NotNull @Valid PriorityRequest request) {
        return incidents.changePriority(id, Priority.valueOf(request.priority()), request.reason(), actor.actor())
                .map(this::ok);
    }

    @POST
    @Path("/{id}/phase")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<Response> phase(@PathParam("id") UUID id, @NotNull @Valid PhaseRequest request) {
        Phase phase = Phase.valueOf(request.phase().toUpperCase(Locale.ROOT).replace('-', '_'));
        return incidents.changePhase(id, phase, actor.actor()).map(this::ok);
    }

    /** Responders may take an incident themselves; assigning someone else is for incident-commanders. */
    @POST
    @Path("/{id}/assign")
    public Uni<Response> assign(@PathParam("id") UUID id, @NotNull @Valid AssignRequest request) {
        Actor me = actor.actor();
        boolean self = request.id().equals(me.id());
        if (!self && !actor.hasRole(Roles.INCIDENT_COMMANDER) && !actor.hasRole(Roles.ADMIN)) {
            throw new io.quarkus.security.ForbiddenException();
        }
        Actor assignee = self ? me : new Actor(Actor.Kind.USER, request.id(), request.name(), request.email());
        return incidents.assign(id, assignee, me).map(this::ok);
    }

    /** The caller, or for a service caller the person its one-tap link was issued to. */
    private Actor actingFor(UUID id, String action, ActionRequest request) {
        if (!actor.isService()) {
            return actor.actor();
        }
        return grants.actingFor(actor.id(), id, action, request == null ? null : request.onBehalfOf(),
                request == null ? null : request.link());
    }

    private Response ok(Incident incident) {
        return Response.ok(IncidentViews.full(incident, mapper, Instant.now()))
                .header(HttpHeaders.ETAG, IncidentViews.etag(incident)).build();
    }

    private Response created(Incident incident) {
        return Response.status(201).entity(IncidentViews.full(incident, mapper, Instant.now()))
                .header(HttpHeaders.ETAG, IncidentViews.etag(incident)).build();
    }

    private static Set<Incident.Status> statuses(String status) {
        String value = status == null ? "open" : status.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "open" -> EnumSet.of(Incident.Status.TRIGGERED, Incident.Status.ACKNOWLEDGED);
            case "all" -> null;
            case "triggered", "acknowledged", "resolved" -> EnumSet.of(Incident.Status.valueOf(value.toUpperCase(Locale.ROOT)));
            default -> throw new ProblemException(400,
                    "status must be one of open, triggered, acknowledged, resolved, all", List.of());
        };
    }

    private static Set<String> priorities(String priority) {
        if (priority == null || priority.isBlank()) {
            return null;
        }
        Set<String> values = Arrays.stream(priority.split(",")).map(String::trim).collect(Collectors.toSet());
        if (!values.stream().allMatch(p -> p.matches("P[1-4]"))) {
            throw new ProblemException(400, "priority must be a comma-separated list of P1, P2, P3, P4", List.of());
        }
        return values;
    }
}
