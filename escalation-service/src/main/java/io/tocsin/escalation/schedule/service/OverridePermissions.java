package io.tocsin.escalation.schedule.service;

import io.tocsin.escalation.schedule.model.OverrideRule;

import java.time.Duration;
import java.time.Instant;

/**
 * Which overrides a responder without the incident-commander or admin role may create: only changes to their own
 * shifts, and only within a horizon (docs/decisions-escalation.md, "Overrides"). Commanders and admins may create
 * any override. Pure, so every case is a plain unit test.
 */
public final class OverridePermissions {

    private OverridePermissions() {
    }

    /** Null when {@code caller} may create {@code request}; otherwise why not (answered with 403). */
    public static String refusal(ScheduleService.OverrideRequest request, String caller, boolean privileged,
                                 Instant now, Duration horizon) {
        if (privileged) {
            return null;
        }
        OverrideRule.Kind kind = request.kind();
        boolean ownShift = switch (kind) {
            // Adding yourself beside whoever is on call takes nobody off.
            case ADD -> caller.equals(request.responderId());
            // Handing your own shift to a colleague keeps the schedule covered.
            case REPLACE -> caller.equals(request.replaces()) && !caller.equals(request.responderId());
            // Taking yourself off without a replacement leaves a gap: a commander decides that.
            case REMOVE -> false;
        };
        if (!ownShift) {
            return kind == OverrideRule.Kind.REMOVE
                    ? "Only an incident commander or admin may take someone off a schedule; hand your shift to a"
                    + " colleague instead (REPLACE with replaces = you)"
                    : "You may only add yourself (ADD) or hand your own shift to a colleague (REPLACE with replaces = you)";
        }
        if (!request.end().isAfter(now)) {
            return "Overrides in the past change nothing; only an incident commander or admin may record them";
        }
        if (request.end().isAfter(now.plus(horizon))) {
            return "You may plan overrides at most " + horizon.toDays() + " days ahead; ask an incident commander or"
                    + " admin for longer";
        }
        return null;
    }
}
