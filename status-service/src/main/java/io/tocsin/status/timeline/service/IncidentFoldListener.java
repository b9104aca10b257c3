package io.tocsin.status.timeline.service;

import io.smallrye.mutiny.Uni;
import io.tocsin.status.timeline.model.IncidentRecord;

/**
 * Told of an incident's state each time an event was folded into it, inside the same transaction (before the
 * consumer's batch commits), so what a listener writes commits or rolls back with the line. The features built on the
 * read model implement it (the postmortem feature opens a draft when a serious incident resolves); the timeline sits
 * below them and never names them.
 */
public interface IncidentFoldListener {

    /** Runs once per applied event; {@code incident} is the state after the fold. Must be idempotent. */
    Uni<Void> folded(IncidentRecord incident);
}
