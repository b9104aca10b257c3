package io.tocsin.events;

/**
 * The roles of an incident's response (docs/war-room.md): one commander, one communications lead, one scribe, and
 * any number of responders.
 */
public enum IncidentRole {
    COMMANDER, COMMUNICATIONS_LEAD, SCRIBE, RESPONDER;

    /** Whether at most one person holds this role at a time. */
    public boolean single() {
        return this != RESPONDER;
    }
}
