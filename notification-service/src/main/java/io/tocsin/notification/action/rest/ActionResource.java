package io.tocsin.notification.action.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.model.ActionLink;
import io.tocsin.notification.action.service.ActionService;
import io.tocsin.notification.action.service.IncidentActions;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One-tap links from pages, for a phone without a login: GET shows what the link will do and changes nothing;
 * POST (the confirm button) performs it. Every outcome, including a tampered, expired or used link, is a small
 * HTML page with a status code to match, never a stack trace.
 */
@Path("/a/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ActionResource {

    private final ActionService actions;
    private final Template page;

    public ActionResource(ActionService actions, @Location("action/page.html") Template page) {
        this.actions = actions;
        this.page = page;
    }

    @GET
    public Uni<Response> confirm(@PathParam("token") String token) {
        return actions.check(token).map(checked -> switch (checked.validity()) {
            case VALID -> html(200, verb(checked.link()) + " this incident?", checked.link().title,
                    "Tap the button to " + verb(checked.link()).toLowerCase() + " it as " + name(checked.link()) + ".",
                    verb(checked.link()));
            default -> invalid(checked);
        });
    }

    @POST
    public Uni<Response> perform(@PathParam("token") String token) {
        return actions.perform(token).map(result -> {
            if (result.outcome() == null) {
                return invalid(result.checked());
            }
            ActionLink link = result.checked().link();
            IncidentActions.Outcome outcome = result.outcome();
            return switch (outcome.kind()) {
                case DONE -> html(200, done(link), link.title,
                        "The incident is now " + String.valueOf(outcome.status()).toLowerCase() + ".", null);
                case NOT_FOUND -> html(404, "Incident not found", link.title,
                        "This incident no longer exists.", null);
                case CONFLICT -> html(409, "Not possible any more", link.title,
                        "The incident is already resolved, so it cannot be acknowledged.", null);
                case REJECTED, UNAVAILABLE -> html(503, "Please try again", link.title,
                        "Tocsin could not reach the incident service just now. Nothing was changed; the link still "
                                + "works, so you can try again in a moment.", verb(link));
            };
        });
    }

    private Response invalid(ActionService.Checked checked) {
        return switch (checked.validity()) {
            case USED -> html(410, "Link already used", checked.link().title,
                    "This link has already been used. Each link works once.", null);
            case EXPIRED -> html(410, "Link expired", checked.link().title,
                    "This link has expired. Open the incident in Tocsin, or use the link in a newer page.", null);
            default -> html(404, "Link not valid", null,
                    "This link is not valid. Check that it was copied completely, or use the link in the page.", null);
        };
    }

    private Response html(int status, String heading, String incident, String message, String button) {
        String body = page.data("heading", heading).data("incident", incident).data("message", message)
                .data("button", button).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body)
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }

    private static String verb(ActionLink link) {
        return ActionLink.Action.ACKNOWLEDGE.name().equals(link.action) ? "Acknowledge" : "Resolve";
    }

    private static String done(ActionLink link) {
        return ActionLink.Action.ACKNOWLEDGE.name().equals(link.action) ? "Acknowledged" : "Resolved";
    }

    private static String name(ActionLink link) {
        return link.recipientName == null ? link.recipientId : link.recipientName;
    }
}
