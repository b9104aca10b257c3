package io.tocsin.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem details body. Every error a Tocsin service returns has this shape, with
 * {@code errors} listing the individual field problems when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.StatusType status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public static Problem of(int status, String title, String detail, List<String> errors) {
        return new Problem("about:blank", title, status, detail, errors == null || errors.isEmpty() ? null : errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** Shortcut for resources: a response carrying this problem with the given status. */
    public static Response response(Response.Status status, String detail) {
        return of(status, detail).toResponse();
    }
}
