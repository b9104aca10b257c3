package io.tocsin.incident.intake.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.incident.intake.service.IntakeService;

import java.util.List;
import java.util.UUID;

/**
 * The 202 answer of the Tocsin webhooks: what the alert did and to which incident. A request that carried several
 * independent alerts (Alertmanager with one incident per alert) lists each under {@code alerts}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertAccepted(String status, UUID incidentId, String dedupKey, List<AlertAccepted> alerts) {

    static AlertAccepted of(List<IntakeService.Outcome> outcomes) {
        if (outcomes.size() == 1) {
            IntakeService.Outcome o = outcomes.get(0);
            return new AlertAccepted(o.status(), o.incidentId(), o.dedupKey(), null);
        }
        return new AlertAccepted("accepted", null, null, outcomes.stream()
                .map(o -> new AlertAccepted(o.status(), o.incidentId(), o.dedupKey(), null)).toList());
    }
}
