package io.tocsin.commons.http;

import io.tocsin.commons.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Rejects a declared body over the limit with 413 problem+json before anything reads it.
 * Vert.x's own {@code quarkus.http.limits.max-body-size} stays as the backstop for chunked bodies,
 * but it answers without a problem body, so this filter is the limit clients normally meet.
 * A service with an upload endpoint names it ({@code tocsin.http.uploads.*}, see {@link BodyLimits}): that path alone
 * gets the larger limit.
 */
public class BodyLimitFilter {

    private final BodyLimits limits;

    public BodyLimitFilter(@ConfigProperty(name = "tocsin.http.max-body-bytes", defaultValue = "524288") long maxBodyBytes,
                           @ConfigProperty(name = "tocsin.http.uploads.path") Optional<String> uploadPath,
                           @ConfigProperty(name = "tocsin.http.uploads.max-bytes", defaultValue = "0") long maxUploadBytes) {
        this.limits = new BodyLimits(maxBodyBytes, uploadPath, maxUploadBytes);
    }

    @ServerRequestFilter(preMatching = true)
    public Response limitBody(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return Problem.response(Response.Status.BAD_REQUEST, "Content-Length is not a number");
        }
        long limit = limits.forPath(request.getUriInfo().getRequestUri().getRawPath());
        if (length > limit) {
            return Problem.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The body is " + length + " bytes; the limit is " + limit);
        }
        return null;
    }
}
