package io.tocsin.events;

import java.time.Instant;

/**
 * escalation-service asks notification-service to tell the stakeholders the communication plan names for this
 * incident's priority about its response-target clock: at risk ({@code percent} of the target used) or breached.
 * {@code commander} is who leads the response, by id and name only (null when nobody holds the role).
 */
public record StakeholderNoticeRequested(
        Notice notice, String service, Priority priority, String summary, Instant respondBy, Integer percent,
        PersonRef commander) implements EventData {

    public enum Notice { RESPONSE_TARGET_AT_RISK, RESPONSE_TARGET_BREACHED }
}
