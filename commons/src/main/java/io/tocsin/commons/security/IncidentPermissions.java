package io.tocsin.commons.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who may do what to one incident, beyond the endpoint's {@code @RolesAllowed}: the one place these rules live,
 * so that per-incident roles (an incident's own commander or communications lead) can be added here later. Today
 * they come from the token's roles and, for snoozing, the incident's assignee.
 */
public final class IncidentPermissions {

    private IncidentPermissions() {
    }

    /** The caller as these rules see them: their subject and their token roles ({@link CurrentActor#caller()}). */
    public record Caller(String id, Set<String> roles) {

        public boolean has(String role) {
            return roles.contains(role);
        }

        /** Incident commanders and admins may act on every incident. */
        public boolean commandsEveryIncident() {
            return has(Roles.INCIDENT_COMMANDER) || has(Roles.ADMIN);
        }
    }

    /** What the public reads is said by the incident commander or the communications role. */
    public static boolean mayPostPublicUpdate(Caller caller, UUID incidentId) {
        return caller.commandsEveryIncident() || caller.has(Roles.COMMUNICATIONS);
    }

    /** Snoozing stops paging for everyone: only the incident's assignee or a commander decides that. */
    public static boolean maySnooze(Caller caller, UUID incidentId, String assigneeId) {
        return caller.commandsEveryIncident() || (assigneeId != null && assigneeId.equals(caller.id()));
    }
}
