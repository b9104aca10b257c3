package io.tocsin.incident.room.service;

import io.tocsin.commons.problem.ProblemException;
import io.tocsin.events.IncidentRole;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may change which role of an incident, and what a request changes. Pure, so every case is a plain unit test.
 * <p>
 * Repeating a request that is already in effect changes nothing and is not an error (a phone on a bad connection
 * retries); that answer is given before the permission check, since it reveals nothing the caller cannot read.
 * Taking a role yourself needs no more than reading the incident; changing someone else's needs the incident's
 * commander or the {@code incident-commander} / {@code admin} token role. A single-holder role held by someone else
 * is handed over, never silently reassigned, so two people tapping "take command" at once cannot both win.
 */
public final class RoleRules {

    /** One current holder of a role. */
    public record Holder(IncidentRole role, String personId) {
    }

    /** The caller: their subject, and whether their token says incident-commander or admin. */
    public record Caller(String id, boolean privileged) {
    }

    public enum Outcome { NO_CHANGE, ASSIGN, HAND_OVER, RELEASE }

    /** What to do; {@code previousHolder} is who held the role before a hand-over. */
    public record Decision(Outcome outcome, String previousHolder) {

        static Decision of(Outcome outcome) {
            return new Decision(outcome, null);
        }
    }

    private RoleRules() {
    }

    /** {@code personId} takes {@code role}, or is given it by the caller. */
    public static Decision assign(List<Holder> holders, IncidentRole role, String personId, Caller caller,
                                  boolean incidentOpen) {
        if (holds(holders, role, personId)) {
            return Decision.of(Outcome.NO_CHANGE);
        }
        if (!personId.equals(caller.id()) && !mayChangeOthers(holders, caller)) {
            throw forbidden("Only the incident's commander, an incident-commander or an admin may give someone else a role");
        }
        if (!incidentOpen) {
            throw new ProblemException(409, "A resolved incident gets no new role holders");
        }
        String current = holder(holders, role);
        if (role.single() && current != null) {
            throw new ProblemException(409,
                    current + " is " + name(role) + "; hand the role over instead");
        }
        return Decision.of(Outcome.ASSIGN);
    }

    /**
     * The {@code role} passes from {@code fromId} (the caller when null) to {@code toId}. Naming who gives it up makes
     * a retried hand-over safe: it never takes the role from someone who received it in the meantime.
     */
    public static Decision handOver(List<Holder> holders, IncidentRole role, String fromId, String toId, Caller caller,
                                    boolean incidentOpen) {
        if (!role.single()) {
            throw ProblemException.unprocessable("Responders are added and released, not handed over",
                    List.of("role: must be commander, communications-lead or scribe"));
        }
        String current = holder(holders, role);
        if (toId.equals(current)) {
            return Decision.of(Outcome.NO_CHANGE);
        }
        String from = fromId != null ? fromId : caller.id();
        if (current == null) {
            throw new ProblemException(409, "Nobody is " + name(role) + "; assign the role instead");
        }
        if (!current.equals(from)) {
            throw new ProblemException(409, current + " is " + name(role) + ", not " + from);
        }
        if (!current.equals(caller.id()) && !mayChangeOthers(holders, caller)) {
            throw forbidden("Only the holder of a role, the incident's commander, an incident-commander or an admin may hand it over");
        }
        if (!incidentOpen) {
            throw new ProblemException(409, "A resolved incident gets no new role holders");
        }
        return new Decision(Outcome.HAND_OVER, current);
    }

    /** {@code personId} gives up {@code role} (or is relieved of it). Allowed on resolved incidents too. */
    public static Decision release(List<Holder> holders, IncidentRole role, String personId, Caller caller) {
        if (!holds(holders, role, personId)) {
            return Decision.of(Outcome.NO_CHANGE);
        }
        if (!personId.equals(caller.id()) && !mayChangeOthers(holders, caller)) {
            throw forbidden("Only the holder of a role, the incident's commander, an incident-commander or an admin may release it");
        }
        return Decision.of(Outcome.RELEASE);
    }

    /** How people read a role: "commander", "communications lead", "scribe", "responder". */
    public static String name(IncidentRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static boolean mayChangeOthers(List<Holder> holders, Caller caller) {
        return caller.privileged() || holds(holders, IncidentRole.COMMANDER, caller.id());
    }

    private static boolean holds(List<Holder> holders, IncidentRole role, String personId) {
        return holders.stream().anyMatch(h -> h.role() == role && Objects.equals(h.personId(), personId));
    }

    private static String holder(List<Holder> holders, IncidentRole role) {
        return holders.stream().filter(h -> h.role() == role).map(Holder::personId).findFirst().orElse(null);
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }
}
