package io.tocsin.intake.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tocsin.commons.outbox.Outbox;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.Link;
import io.tocsin.incident.service.IncidentService;
import io.tocsin.intake.NormalizedAlert;
import io.tocsin.intake.rest.GenericAlertRequest;
import io.tocsin.integration.service.IntegrationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook intake: parse and validate the raw body (nothing touches the database before the body is known to be
 * good), then authenticate the key and apply the alert in one transaction. The caller answers 202 only after that
 * transaction committed.
 */
@ApplicationScoped
public class IntakeService {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Outbox outbox;
    private final IntegrationService integrations;
    private final IncidentService incidents;

    public IntakeService(ObjectMapper mapper, Validator validator, Outbox outbox, IntegrationService integrations,
                         IncidentService incidents) {
        this.mapper = mapper;
        this.validator = validator;
        this.outbox = outbox;
        this.integrations = integrations;
        this.incidents = incidents;
    }

    public Uni<IncidentService.AlertResult> generic(String key, byte[] body) throws IOException {
        GenericAlertRequest request = parse(body, GenericAlertRequest.class);
        NormalizedAlert alert = new NormalizedAlert(
                request.dedupKey() != null ? request.dedupKey() : UUID.randomUUID().toString(),
                request.summary(),
                request.severity() != null ? request.severity() : "error",
                request.service(),
                request.source(),
                request.links() == null ? List.of()
                        : request.links().stream().map(l -> new Link(l.href(), l.text())).toList(),
                "resolved".equals(request.status()));
        return outbox.transaction(() -> integrations.authenticate(key)
                .chain(integration -> incidents.apply(integration, alert)));
    }

    private <T> T parse(byte[] body, Class<T> type) throws IOException {
        if (body == null || body.length == 0) {
            throw new ProblemException(400, "The body is empty", List.of());
        }
        T request = mapper.readValue(body, type);
        if (request == null) {
            throw new ProblemException(400, "The body must be a JSON object", List.of());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The alert is not valid", violations.stream()
                    .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList());
        }
        return request;
    }
}
