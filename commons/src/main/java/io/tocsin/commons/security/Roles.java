package io.tocsin.commons.security;

/** The role model (ARCHITECTURE.md, "Security model"); roles come from the token's {@code groups} claim. */
public final class Roles {
    public static final String RESPONDER = "responder";
    public static final String INCIDENT_COMMANDER = "incident-commander";
    public static final String ADMIN = "admin";
    public static final String STAKEHOLDER = "stakeholder";

    private Roles() {
    }
}
