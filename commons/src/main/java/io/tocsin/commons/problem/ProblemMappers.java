package io.tocsin.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tocsin.commons.db.Failures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Turns every exception that reaches the REST layer into RFC 9457 problem+json with the right status,
 * and never leaks a stack trace. Needs {@code quarkus.http.auth.proactive=false} so that authentication
 * failures arrive here rather than being answered by Vert.x with an empty body.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.of(e.status(), Response.Status.fromStatusCode(e.status()) == null
                ? "Error" : Response.Status.fromStatusCode(e.status()).getReasonPhrase(), e.getMessage(), e.errors())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorizedResponse("A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorizedResponse("The bearer token is invalid, expired or not meant for this service");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "Your role does not allow this action");
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> errors = e.getConstraintViolations().stream().map(ProblemMappers::describe).sorted().toList();
        return Problem.of(422, "Unprocessable Content", "The request is not valid", errors).toResponse();
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return badJson("Field '" + path(e) + "' has a value of the wrong type or format");
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return badJson(e.getPath().isEmpty() ? "The body does not have the expected shape"
                : "Field '" + path(e) + "' has the wrong shape");
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return badJson("The body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getStatusCode() == 401) {
            return unauthorizedResponse("A valid bearer token is required");
        }
        Response.ResponseBuilder builder = Response.fromResponse(original)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, describe(e, status)));
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (Failures.databaseUnreachable(e)) {
            // Monitoring systems retry on 5xx: tell them when, and never claim the alert was taken.
            Log.warnf("Database unreachable: %s", e.getMessage());
            return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                    "The database is unreachable; nothing was stored. Retry shortly.")).header("Retry-After", 5).build();
        }
        Log.error("Unexpected error while handling a request", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Something went wrong on our side");
    }

    private static Response unauthorizedResponse(String detail) {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response badJson(String detail) {
        return Problem.response(Response.Status.BAD_REQUEST, detail);
    }

    private static String describe(WebApplicationException e, Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 415 -> "Unsupported content type";
            default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? status.getReasonPhrase() : e.getMessage();
        };
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.indexOf('.');
        // Strip the Java method name and parameter so clients see their own field names.
        String field = dot >= 0 && path.indexOf('.', dot + 1) >= 0 ? path.substring(path.indexOf('.', dot + 1) + 1) : path;
        return field + ": " + violation.getMessage();
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
    }
}
