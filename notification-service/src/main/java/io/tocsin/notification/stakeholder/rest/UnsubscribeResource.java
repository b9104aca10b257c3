package io.tocsin.notification.stakeholder.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.service.ActionLinks;
import io.tocsin.notification.stakeholder.service.StakeholderService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/**
 * The unsubscribe link in stakeholder mails: GET asks (mail scanners follow links; they must not unsubscribe anyone),
 * POST removes the member and their personal data. A small HTML page either way.
 */
@Path("/u/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    private final ActionLinks links;
    private final StakeholderService stakeholders;
    private final Template page;

    public UnsubscribeResource(ActionLinks links, StakeholderService stakeholders, @Location("action/page.html") Template page) {
        this.links = links;
        this.stakeholders = stakeholders;
        this.page = page;
    }

    @GET
    public Uni<Response> confirm(@PathParam("token") String token) {
        UUID memberId = links.unsubscribeMember(token);
        if (memberId == null) {
            return Uni.createFrom().item(html(404, "Link not valid", null, "This unsubscribe link is not valid.", null));
        }
        return stakeholders.member(memberId).map(member -> member == null
                ? html(410, "Already unsubscribed", null, "You no longer receive these updates.", null)
                : html(200, "Unsubscribe?", member.email,
                "You will no longer receive incident updates, and Tocsin forgets your address.", "Unsubscribe"));
    }

    @POST
    public Uni<Response> unsubscribe(@PathParam("token") String token) {
        UUID memberId = links.unsubscribeMember(token);
        if (memberId == null) {
            return Uni.createFrom().item(html(404, "Link not valid", null, "This unsubscribe link is not valid.", null));
        }
        return stakeholders.member(memberId).chain(member -> member == null
                ? Uni.createFrom().item(html(410, "Already unsubscribed", null, "You no longer receive these updates.", null))
                : stakeholders.removeMember(null, memberId).replaceWith(html(200, "Unsubscribed", null,
                "You will no longer receive incident updates. Your address has been removed.", null)));
    }

    private Response html(int status, String heading, String subject, String message, String button) {
        String body = page.data("heading", heading).data("incident", subject).data("message", message)
                .data("button", button).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
