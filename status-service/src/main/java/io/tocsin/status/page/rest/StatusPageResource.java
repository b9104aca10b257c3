package io.tocsin.status.page.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.tocsin.status.config.StatusConfig;
import io.tocsin.status.page.service.StatusPageService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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

    @GET
    @Path("incidents/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> incident(@PathParam("id") UUID id) {
        return page.publicIncident(id).map(incident -> Templates.incident(config.pageTitle(), incident));
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
