package io.tocsin.escalation.audit.model;

import java.time.Instant;

/** One recorded configuration change: who ({@code actor}, the caller's subject) did what to which target. */
public record AuditEntry(Long id, Instant at, String actor, String action, String target, String detail) {
}
