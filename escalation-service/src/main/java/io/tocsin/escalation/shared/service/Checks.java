package io.tocsin.escalation.shared.service;

import io.tocsin.commons.problem.ProblemException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the validation failures Bean Validation cannot express (time zones, references, cycles) and throws
 * them together as one 422 problem, before anything is stored.
 */
public final class Checks {

    private final List<String> errors = new ArrayList<>();

    public Checks check(boolean ok, String error) {
        if (!ok) {
            errors.add(error);
        }
        return this;
    }

    public Checks zone(String field, String zone) {
        return check(validZone(zone), field + ": unknown time zone '" + zone + "'");
    }

    public static boolean validZone(String zone) {
        try {
            ZoneId.of(zone);
            return zone != null;
        } catch (DateTimeException | NullPointerException e) {
            return false;
        }
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The request is not valid", errors);
        }
    }
}
