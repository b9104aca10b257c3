package io.tocsin.escalation.engine.service;

import io.smallrye.mutiny.Uni;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The GDPR breach clocks, as the engine's pass runs them beside its own timers (same transaction rules: claimed with
 * SKIP LOCKED, applied on the database clock, outbox in the transaction). The breach feature implements it; the
 * engine only claims and applies, so it needs not know that feature.
 */
public interface BreachClocks {

    /** Locks up to {@code limit} clocks whose next reminder is due. */
    Uni<List<UUID>> claimDue(int limit);

    /** Sends the reminder due on a claimed clock and advances its timer, in the caller's transaction. */
    Uni<Void> remind(UUID incidentId, Instant now);
}
