package io.tocsin.status.page.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.status.page.service.StatusPageService;
import io.tocsin.status.postmortem.model.Postmortem;
import io.tocsin.status.postmortem.service.PostmortemMarkdown;
import io.tocsin.status.postmortem.service.PostmortemService;
import io.tocsin.status.shared.config.StatusConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The public status page: no login, server-rendered (Qute), no script, no external CDN or font. Every model it
 * renders comes from {@link StatusPageService}, which copies nothing internal.
 */
@Path("/")
@PermitAll
public class StatusPageResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(StatusPageService.Snapshot page);

        static native TemplateInstance incident(String title, StatusPageService.PublicIncident incident);

        static native TemplateInstance history(StatusPageService.Snapshot page, String baseUrl);

        static native TemplateInstance notFound(String title);

        static native TemplateInstance postmortem(String title, PublicPostmortem postmortem);
    }

    /**
     * A published postmortem as stakeholders reach it from their mail without signing in: the impact, the causes and
     * what will change. Not shown: the internal timeline, the communication log and the evidence (people's names and
     * addresses, forensic material), and the service slug. Unlisted: linked from nowhere public.
     */
    public record PublicPostmortem(String title, Instant startedAt, Instant resolvedAt, String duration,
                                   List<String> affectedComponents, String customersAffected, String impactNotes,
                                   String rootCause, String contributingFactors, String improvementActions,
                                   List<PublicAction> actions, String documentationUpdates, Instant publishedAt) {

        static PublicPostmortem of(PostmortemService.Details d) {
            Postmortem p = d.postmortem();
            Instant started = d.incident() == null ? null : d.incident().triggeredAt;
            Instant resolved = d.incident() == null ? null : d.incident().resolvedAt;
            // Components by their public names only: without a component the service slug stands in, and it is internal.
            List<String> components = d.affectedComponents().stream().filter(c -> !c.equals(p.service)).toList();
            return new PublicPostmortem(p.title, started, resolved, PostmortemMarkdown.duration(started, resolved),
                    components, p.customersAffected, p.impactNotes, p.rootCause, p.contributingFactors,
                    p.improvementActions, d.actionItems().stream().map(a -> new PublicAction(a.title,
                            a.dueDate.toString(), a.status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')))
                            .toList(), p.documentationUpdates, p.publishedAt);
        }
    }

    public record PublicAction(String title, String dueDate, String status) {
    }

    private final StatusPageService page;
    private final StatusConfig config;
    private final PostmortemService postmortems;

    public StatusPageResource(StatusPageService page, StatusConfig config, PostmortemService postmortems) {
        this.page = page;
        this.config = config;
        this.postmortems = postmortems;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> index() {
        return page.snapshot().map(Templates::index);
    }

    /**
     * One public incident. Whoever follows a stale or mistyped link is a person with a browser, so "not here" is a
     * small HTML page with a way back, not problem+json. Incidents without public updates are not public.
     */
    @GET
    @Path("incidents/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> incident(@PathParam("id") String id) {
        UUID incidentId;
        try {
            incidentId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(notFound());
        }
        return page.publicIncident(incidentId)
                .map(incident -> Response.ok(Templates.incident(config.pageTitle(), incident)).build())
                .onFailure(f -> f instanceof ProblemException p && p.status() == 404).recoverWithItem(this::notFound);
    }

    /** A published postmortem, the page stakeholder mails link to; 404 (HTML) for drafts and unknown ids. */
    @GET
    @Path("postmortems/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> postmortem(@PathParam("id") String id) {
        UUID postmortemId;
        try {
            postmortemId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(notFound());
        }
        return postmortems.details(postmortemId, true)
                .map(d -> Response.ok(Templates.postmortem(config.pageTitle(), PublicPostmortem.of(d)))
                        .header("X-Robots-Tag", "noindex").build())
                .onFailure(f -> f instanceof ProblemException p && p.status() == 404).recoverWithItem(this::notFound);
    }

    private Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.notFound(config.pageTitle()).render()).build();
    }

    @GET
    @Path("history.atom")
    @Produces("application/atom+xml;charset=UTF-8")
    public Uni<TemplateInstance> history() {
        return page.snapshot().map(snapshot -> Templates.history(snapshot, stripSlash(config.baseUrl())));
    }

    @GET
    @Path("api/v1/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PublicStatusView> status() {
        return page.snapshot().map(PublicStatusView::of);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
