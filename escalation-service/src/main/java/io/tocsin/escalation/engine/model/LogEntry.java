package io.tocsin.escalation.engine.model;

import java.time.Instant;

/** One line of an escalation's log as the escalation view shows it. */
public record LogEntry(Instant at, Integer step, Integer loop, String outcome, String detail) {
}
