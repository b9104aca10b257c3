package io.tocsin.status.postmortem.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.rest.QueryParams;
import io.tocsin.commons.security.CurrentActor;
import io.tocsin.commons.security.Roles;
import io.tocsin.events.Priority;
import io.tocsin.status.postmortem.model.ActionItem;
import io.tocsin.status.postmortem.model.Postmortem;
import io.tocsin.status.postmortem.service.PostmortemMarkdown;
import io.tocsin.status.postmortem.service.PostmortemService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Postmortems. Stakeholders read published ones; responders read all; incident commanders open, edit, review and
 * publish them and add action items.
 */
@Path("/api/v1/postmortems")
@Produces(MediaType.APPLICATION_JSON)
public class PostmortemResource {

    static final int SECTION_LIMIT = 20_000;

    public record OpenRequest(@NotNull UUID incidentId) {
    }

    public record EditRequest(
            @Size(max = 300) String title,
            @Size(max = SECTION_LIMIT) String rootCause,
            @Size(max = SECTION_LIMIT) String contributingFactors,
            @Size(max = 2_000) String customersAffected,
            @Size(max = SECTION_LIMIT) String impactNotes,
            @Size(max = SECTION_LIMIT) String timeline,
            @Size(max = SECTION_LIMIT) String improvementActions,
            @Size(max = SECTION_LIMIT) String communicationLog,
            @Size(max = SECTION_LIMIT) String documentationUpdates) {
    }

    public record ActionItemRequest(
            @NotBlank @Size(max = 300) String title,
            @Size(max = 200) String owner,
            @NotNull @FutureOrPresent LocalDate dueDate,
            @NotNull Priority priority) {
    }

    public record SummaryView(UUID id, UUID incidentId, String title, String service, String priority, String status,
                              Instant createdAt, Instant publishedAt) {
        static SummaryView of(Postmortem p) {
            return new SummaryView(p.id, p.incidentId, p.title, p.service, p.priority, p.status.name(), p.createdAt,
                    p.publishedAt);
        }
    }

    public record ImpactView(Instant startedAt, Instant resolvedAt, String duration, List<String> affectedComponents,
                             String customersAffected, String notes) {
    }

    public record SectionsView(String rootCause, String contributingFactors, ImpactView impact, String timeline,
                               boolean timelinePrefilled, String improvementActions, List<ActionItemView> actionItems,
                               String communicationLog, boolean communicationLogPrefilled,
                               String documentationUpdates, String evidence, String personalDataBreach) {
    }

    public record PostmortemView(UUID id, UUID incidentId, String title, String service, String priority,
                                 String status, SectionsView sections, Instant createdAt, Instant updatedAt,
                                 String updatedBy, Instant publishedAt, String publishedBy) {
        static PostmortemView of(PostmortemService.Details d) {
            Postmortem p = d.postmortem();
            Instant started = d.incident() == null ? null : d.incident().triggeredAt;
            Instant resolved = d.incident() == null ? null : d.incident().resolvedAt;
            ImpactView impact = new ImpactView(started, resolved, PostmortemMarkdown.duration(started, resolved),
                    d.affectedComponents(), p.customersAffected, p.impactNotes);
            SectionsView sections = new SectionsView(p.rootCause, p.contributingFactors, impact, d.timeline(),
                    d.timelinePrefilled(), p.improvementActions,
                    d.actionItems().stream().map(ActionItemView::of).toList(), d.communicationLog(),
                    d.communicationLogPrefilled(), p.documentationUpdates, d.evidence(), d.personalDataBreach());
            return new PostmortemView(p.id, p.incidentId, p.title, p.service, p.priority, p.status.name(), sections,
                    p.createdAt, p.updatedAt, p.updatedBy, p.publishedAt, p.publishedBy);
        }
    }

    public record ActionItemView(UUID id, UUID postmortemId, String title, String owner, LocalDate dueDate,
                                 String priority, String status, Instant overdueNotifiedAt) {
        public static ActionItemView of(ActionItem a) {
            return new ActionItemView(a.id, a.postmortemId, a.title, a.owner, a.dueDate, a.priority, a.status.name(),
                    a.overdueNotifiedAt);
        }
    }

    private final PostmortemService postmortems;
    private final CurrentActor actor;

    public PostmortemResource(PostmortemService postmortems, CurrentActor actor) {
        this.postmortems = postmortems;
        this.actor = actor;
    }

    /**
     * A page of postmortems, newest first (every P1 and P2 opens one, so there are many); {@code incidentId} finds the
     * postmortem of one incident.
     */
    @GET
    @RolesAllowed({Roles.STAKEHOLDER, Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<List<SummaryView>> list(@QueryParam("incidentId") String incidentId,
                                       @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                       @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Uni<List<Postmortem>> found = incidentId == null
                ? postmortems.list(publishedOnly(), offset, limit)
                : postmortems.forIncident(QueryParams.uuid("incidentId", incidentId), publishedOnly());
        return found.map(list -> list.stream().map(SummaryView::of).toList());
    }

    @POST
    @ResponseStatus(201)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PostmortemView> open(@NotNull @Valid OpenRequest request) {
        return postmortems.open(request.incidentId()).chain(p -> postmortems.details(p.id, false))
                .map(PostmortemView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.STAKEHOLDER, Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<PostmortemView> get(@PathParam("id") UUID id) {
        return postmortems.details(id, publishedOnly()).map(PostmortemView::of);
    }

    @GET
    @Path("/{id}/export.md")
    @Produces("text/markdown;charset=UTF-8")
    @RolesAllowed({Roles.STAKEHOLDER, Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
    public Uni<String> export(@PathParam("id") UUID id) {
        return postmortems.markdown(id, publishedOnly());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PostmortemView> edit(@PathParam("id") UUID id, @NotNull @Valid EditRequest request) {
        return postmortems.edit(id, new PostmortemService.Edit(request.title(), request.rootCause(),
                        request.contributingFactors(), request.customersAffected(), request.impactNotes(),
                        request.timeline(), request.improvementActions(), request.communicationLog(),
                        request.documentationUpdates()), actor.id())
                .map(PostmortemView::of);
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Uni<PostmortemView> submit(@PathParam("id") UUID id) {
        return postmortems.submit(id, actor.id()).map(PostmortemView::of);
    }

    @POST
    @Path("/{id}/return-to-draft")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Uni<PostmortemView> returnToDraft(@PathParam("id") UUID id) {
        return postmortems.returnToDraft(id, actor.id()).map(PostmortemView::of);
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Uni<PostmortemView> publish(@PathParam("id") UUID id) {
        return postmortems.publish(id, actor.actor()).map(PostmortemView::of);
    }

    @POST
    @Path("/{id}/action-items")
    @ResponseStatus(201)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ActionItemView> addActionItem(@PathParam("id") UUID id, @NotNull @Valid ActionItemRequest request) {
        return postmortems.addActionItem(id, request.title(), request.owner(), request.dueDate(), request.priority())
                .map(ActionItemView::of);
    }

    /** Stakeholders read only what has been published; everyone else with access reads drafts too. */
    private boolean publishedOnly() {
        return publishedOnly(actor);
    }

    /** True for callers who may read published postmortems (and their action items) only. */
    static boolean publishedOnly(CurrentActor caller) {
        return !(caller.hasRole(Roles.RESPONDER) || caller.hasRole(Roles.INCIDENT_COMMANDER)
                || caller.hasRole(Roles.ADMIN));
    }
}
