package io.tocsin.notification.action.rest;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.model.ActionLink;
import io.tocsin.notification.action.service.IncidentActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/**
 * Performs one-tap actions on incident-service with this service's identity, on behalf of the recipient, showing
 * the link token issued to them (incident-service checks it: the identity alone acts for nobody).
 * Expected answers (404 unknown incident, 409 already resolved, 401/403 a misconfigured identity) are outcomes,
 * not failures: they neither retry nor trip the breaker. Timeouts, connection errors and 5xx are retried (the
 * actions are idempotent), then count against the breaker {@value #BREAKER}; the fallback says "try again".
 */
@ApplicationScoped
public class IncidentClient implements IncidentActions {

    public static final String BREAKER = "incident-service";

    private final IncidentApi api;
    private final ServiceToken token;

    public IncidentClient(@RestClient IncidentApi api, ServiceToken token) {
        this.api = api;
        this.token = token;
    }

    @Override
    @Timeout(5000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100)
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 20000)
    @CircuitBreakerName(BREAKER)
    @Fallback(fallbackMethod = "unavailable")
    public Uni<Outcome> act(ActionLink.Action action, UUID incidentId, Person onBehalfOf, String link) {
        return Uni.createFrom().deferred(() -> api.act(incidentId, action.path(), "Bearer " + token.current(),
                        new IncidentApi.OnBehalfOf(onBehalfOf, link)))
                .map(incident -> new Outcome(Outcome.Kind.DONE, incident == null ? null : incident.status(), null))
                .onFailure(WebApplicationException.class).recoverWithUni(failure -> {
                    int status = ((WebApplicationException) failure).getResponse().getStatus();
                    return switch (status) {
                        case 404 -> Uni.createFrom().item(new Outcome(Outcome.Kind.NOT_FOUND, null, "unknown incident"));
                        case 409 -> Uni.createFrom().item(new Outcome(Outcome.Kind.CONFLICT, null, "conflict"));
                        case 401, 403 -> {
                            Log.errorf("incident-service refused this service's identity or its one-tap link (%d): check "
                                    + "TOCSIN_SERVICE_TOKEN_FILE or TOCSIN_SERVICE_TOKEN, and that both services share "
                                    + "TOCSIN_LINK_SECRET", status);
                            yield Uni.createFrom().item(new Outcome(Outcome.Kind.REJECTED, null, "identity refused"));
                        }
                        default -> Uni.createFrom().failure(failure);
                    };
                });
    }

    Uni<Outcome> unavailable(ActionLink.Action action, UUID incidentId, Person onBehalfOf, String link,
                             Throwable cause) {
        Log.warnf("incident-service unavailable for %s of %s: %s", action, incidentId, cause.toString());
        return Uni.createFrom().item(new Outcome(Outcome.Kind.UNAVAILABLE, null, cause.getClass().getSimpleName()));
    }
}
