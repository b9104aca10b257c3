package io.tocsin.status.page.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.status.config.StatusConfig;
import io.tocsin.status.page.service.StatusPageService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    }

    private final StatusPageService page;
    private final StatusConfig config;

    public StatusPageResource(StatusPageService page, StatusConfig config) {
        this.page = page;
        this.config = config;
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
