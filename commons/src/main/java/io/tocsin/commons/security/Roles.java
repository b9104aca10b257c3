package io.tocsin.commons.security;

/** The role model (ARCHITECTURE.md, "Security model"); roles come from the token's {@code groups} claim. */
public final class Roles {
    public static final String RESPONDER = "responder";
    public static final String INCIDENT_COMMANDER = "incident-commander";
    public static final String ADMIN = "admin";
    public static final String STAKEHOLDER = "stakeholder";
    /** Speaks for the company: may post public status updates (with incident commanders and admins). */
    public static final String COMMUNICATIONS = "communications";
    /**
     * A Tocsin service calling another (notification-service performing a one-tap acknowledge). Such a caller may
     * name the person it acts for; people never get this role.
     */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
