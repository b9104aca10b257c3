package io.tocsin.incident.intake.service.format;

import java.util.List;

/** A well-formed payload that breaks its format's rules; each error names the field. */
public class InvalidAlertException extends RuntimeException {

    private final List<String> errors;

    public InvalidAlertException(List<String> errors) {
        super(String.join("; ", errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
