package io.tocsin.escalation.responder.service;

import io.smallrye.mutiny.Uni;

/**
 * Configuration elsewhere that names responders (policies, schedules, overrides): a responder still named there cannot
 * be deleted. The features above this one implement it, so the responder feature needs not know them.
 */
public interface ResponderReferences {

    /** Whether anything of this kind still names {@code responderId} (exactly); inside the caller's transaction. */
    Uni<Boolean> names(String responderId);
}
