package io.tocsin.notification.action.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.notification.action.model.ActionLink;

import java.util.UUID;

/**
 * incident-service's incident actions, as one-tap links need them. The REST client ({@code action.rest.IncidentClient})
 * implements this, so the service layer never sees HTTP.
 */
public interface IncidentActions {

    /** The person the service acts for; incident-service records them as the actor. */
    record Person(String id, String name, String email) {
    }

    /** What came of an action. */
    record Outcome(Kind kind, String status, String detail) {
        public enum Kind { DONE, NOT_FOUND, CONFLICT, REJECTED, UNAVAILABLE }
    }

    /** Performs {@code action} on the incident for {@code onBehalfOf}, showing the link token issued to them. */
    Uni<Outcome> act(ActionLink.Action action, UUID incidentId, Person onBehalfOf, String link);
}
