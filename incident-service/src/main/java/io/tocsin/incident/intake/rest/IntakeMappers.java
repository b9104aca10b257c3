package io.tocsin.incident.intake.rest;

import io.tocsin.commons.problem.Problem;
import io.tocsin.incident.intake.service.OverloadedException;
import io.tocsin.incident.intake.service.format.InvalidAlertException;
import io.tocsin.incident.integration.service.RateLimitedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * problem+json for intake failures: an invalid alert is 422; over the key's rate is 429, and more alerts waiting than
 * intake takes on is 503, each with when to retry.
 */
public class IntakeMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidAlertException e) {
        return Problem.of(422, "Unprocessable Content", "The alert is not valid", e.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e) {
        return rateLimitHeaders(Response.fromResponse(Problem.response(Response.Status.TOO_MANY_REQUESTS, e.getMessage())), e)
                .build();
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage()))
                .header("Retry-After", e.retryAfterSeconds()).build();
    }

    /** Retry-After plus the RateLimit headers of the IETF draft most clients understand. */
    static Response.ResponseBuilder rateLimitHeaders(Response.ResponseBuilder builder, RateLimitedException e) {
        return builder.header("Retry-After", e.retryAfterSeconds())
                .header("RateLimit-Limit", e.limit())
                .header("RateLimit-Remaining", 0)
                .header("RateLimit-Reset", e.retryAfterSeconds());
    }
}
