package io.tocsin.status.metrics.rest;

import io.smallrye.mutiny.Uni;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.commons.rest.QueryParams;
import io.tocsin.commons.security.Roles;
import io.tocsin.status.metrics.service.MetricsService;
import io.tocsin.status.metrics.service.ResponseMetrics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Response metrics (MTTA, MTTR, targets met) per priority for a period. */
@Path("/api/v1/metrics/response")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.RESPONDER, Roles.INCIDENT_COMMANDER, Roles.ADMIN})
public class MetricsResource {

    /** The longest period one request may cover. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    public record ResponseMetricsView(Instant from, Instant to, List<ResponseMetrics.PerPriority> priorities) {
    }

    private final MetricsService metrics;

    public MetricsResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    /** Incidents triggered in [from, to); both ISO-8601 instants, default the last 30 days. */
    @GET
    public Uni<ResponseMetricsView> response(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant end = QueryParams.instant("to", to, Instant.now());
        Instant start = QueryParams.instant("from", from, end.minus(Duration.ofDays(30)));
        if (!start.isBefore(end)) {
            throw ProblemException.unprocessable("The period is empty", List.of("from: must be before to"));
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw ProblemException.unprocessable("The period is too long", List.of("to: at most 366 days after from"));
        }
        return metrics.response(start, end)
                .map(m -> new ResponseMetricsView(start, end, List.copyOf(m.values())));
    }
}
