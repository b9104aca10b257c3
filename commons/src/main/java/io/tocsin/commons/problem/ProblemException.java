package io.tocsin.commons.problem;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Thrown by services for an expected failure the client must see (unknown id, invalid rule, conflict);
 * mapped to problem+json with its status. Services never build HTTP responses themselves.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final List<String> errors;

    public ProblemException(Response.Status status, String detail) {
        this(status.getStatusCode(), detail, List.of());
    }

    /** For services, which speak HTTP statuses as numbers and never import JAX-RS types. */
    public ProblemException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ProblemException(int status, String detail, List<String> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, what + " not found");
    }

    public static ProblemException unprocessable(String detail, List<String> errors) {
        return new ProblemException(422, detail, errors);
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }
}
