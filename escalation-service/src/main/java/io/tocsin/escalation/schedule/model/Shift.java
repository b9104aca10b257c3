package io.tocsin.escalation.schedule.model;

import java.time.Instant;
import java.util.List;

/** A stretch of time with the same people on call (empty when nobody is). */
public record Shift(Instant start, Instant end, List<String> responders) {
}
