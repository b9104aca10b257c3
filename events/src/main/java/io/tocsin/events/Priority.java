package io.tocsin.events;

/** Incident priority; the response targets per priority are configuration, not part of the contract. */
public enum Priority { P1, P2, P3, P4 }
