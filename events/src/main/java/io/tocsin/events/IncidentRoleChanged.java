package io.tocsin.events;

import java.time.Instant;

/**
 * Someone took, was handed, or gave up a role in an incident's response. {@code holder} is the person the change is
 * about (the new holder, or the one who released); {@code previousHolder} is set on a hand-over. {@code roomUrl} is a
 * short-lived link to the incident room for the new holder (null on a release); {@code bridgeUrl} the meeting the
 * commander set, if any. escalation-service pages the new holder with both.
 */
public record IncidentRoleChanged(
        String service, Priority priority, String summary, Instant respondBy, IncidentRole role, Change change,
        Actor holder, Actor previousHolder, String bridgeUrl, String roomUrl, Actor actor) implements EventData {

    public enum Change { ASSIGNED, HANDED_OVER, RELEASED }
}
