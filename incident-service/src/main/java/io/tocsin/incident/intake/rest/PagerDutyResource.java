package io.tocsin.incident.intake.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.intake.service.IntakeService;
import io.tocsin.incident.intake.service.format.InvalidAlertException;
import io.tocsin.incident.integration.service.RateLimitedException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * PagerDuty Events API v2, so anything that can send to PagerDuty (client libraries, Alertmanager's
 * pagerduty_configs with {@code url}) works pointed at Tocsin unchanged: the same request, and the same answers —
 * 202 {@code {"status":"success","message":"Event processed","dedup_key":…}}, 400 {@code {"status":"invalid event",
 * "message":…,"errors":[…]}}, 429 when the routing key sends too fast.
 */
@Path("/v2/enqueue")
@PermitAll
public class PagerDutyResource {

    /** PagerDuty's answer shape; registered for reflection because it reaches Jackson inside a Response. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record EventsAnswer(String status, String message, @JsonProperty("dedup_key") String dedupKey,
                               List<String> errors) {
    }

    private final IntakeService intake;

    public PagerDutyResource(IntakeService intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> enqueue(@Context HttpHeaders headers, byte[] body) {
        try {
            return intake.pagerDuty(new IntakeService.Request(body, headers::getHeaderString))
                    .map(outcomes -> Response.accepted(new EventsAnswer("success", "Event processed",
                            outcomes.get(0).dedupKey(), null)).build())
                    .onFailure().recoverWithItem(PagerDutyResource::answer);
        } catch (Exception e) {
            return Uni.createFrom().item(answer(e));
        }
    }

    private static Response answer(Throwable failure) {
        if (failure instanceof InvalidAlertException invalid) {
            return invalid("Event object is invalid", invalid.errors());
        }
        if (failure instanceof MismatchedInputException) {
            return invalid("Event object is invalid", List.of("The event does not have the expected shape"));
        }
        if (failure instanceof JsonProcessingException) {
            return invalid("Event object is invalid", List.of("The body is not valid JSON"));
        }
        if (failure instanceof RateLimitedException limited) {
            return IntakeMappers.rateLimitHeaders(Response.status(429).entity(new EventsAnswer("throttle event",
                    "Requests for this routing key are arriving too quickly. Please retry later.", null, null)),
                    limited).type(MediaType.APPLICATION_JSON).build();
        }
        if (failure instanceof ProblemException problem && problem.status() < 500) {
            // Unknown or disabled routing keys: PagerDuty answers 400 with the reason among the errors.
            return invalid("Event object is invalid", List.of(problem.getMessage()));
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static Response invalid(String message, List<String> errors) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new EventsAnswer("invalid event", message, null, errors)).build();
    }
}
