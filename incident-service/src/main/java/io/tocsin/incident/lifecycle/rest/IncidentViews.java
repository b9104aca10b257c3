package io.tocsin.incident.lifecycle.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tocsin.events.Link;
import io.tocsin.incident.lifecycle.model.Incident;
import io.tocsin.incident.lifecycle.model.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the incident API shows; never the entity itself, never raw alert payloads in lists. */
public final class IncidentViews {

    private static final TypeReference<List<Link>> LINKS = new TypeReference<>() {
    };

    private IncidentViews() {
    }

    /** Registered for reflection with {@link IncidentView}: they reach Jackson inside a Response. */
    @RegisterForReflection
    public record Person(String id, String name, String email) {
        static Person of(Incident i) {
            return i.assigneeId == null ? null : new Person(i.assigneeId, i.assigneeName, i.assigneeEmail);
        }
    }

    /**
     * One incident in full. {@code secondsToRespond}: time left to the response target while unacknowledged
     * (negative once breached), null once acknowledged or resolved. Registered for reflection: it reaches Jackson
     * inside a Response (with its ETag), which Quarkus cannot see through in a native image.
     */
    @RegisterForReflection
    public record IncidentView(UUID id, String service, String priority, String severity, String summary,
                               String source, String status, String phase, Person assignee, int alertCount,
                               List<Link> links, Instant createdAt, Instant lastSeenAt, Instant respondBy,
                               Long secondsToRespond, Instant acknowledgedAt, Instant resolvedAt,
                               Instant snoozedUntil, String dedupKey, int version, String bridgeUrl) {
    }

    /** The compact projection for lists on a phone. */
    public record IncidentSummary(UUID id, String service, String priority, String status, String summary,
                                  String assignee, int alertCount, Instant createdAt, Instant respondBy,
                                  Long secondsToRespond) {
    }

    public record Page(List<IncidentSummary> items, String nextCursor) {
    }

    /**
     * One entry; {@code seq} and the hashes let a reader anchor or check the chain elsewhere ({@code redacted}: an
     * erasure replaced personal data in it, so its content no longer matches its content hash).
     */
    public record TimelineEntryView(long seq, Instant at, String kind, String actor, String detail, String contentHash,
                                    String hash, boolean redacted) {
        static TimelineEntryView of(TimelineEntry e) {
            return new TimelineEntryView(e.seq, e.at, e.kind, e.actor, e.detail, e.contentHash, e.hash,
                    e.redactedAt != null);
        }
    }

    static IncidentView full(Incident i, ObjectMapper mapper, Instant now) {
        return new IncidentView(i.id, i.service, i.priority, i.severity, i.summary, i.source, i.status.name(),
                i.phase.name(), Person.of(i), i.alertCount, links(i, mapper), i.createdAt, i.lastSeenAt, i.respondBy,
                secondsToRespond(i, now), i.acknowledgedAt, i.resolvedAt, i.snoozedUntil, i.dedupKey, i.version,
                i.bridgeUrl);
    }

    static IncidentSummary summary(Incident i, Instant now) {
        return new IncidentSummary(i.id, i.service, i.priority, i.status.name(), i.summary,
                i.assigneeName != null ? i.assigneeName : i.assigneeId, i.alertCount, i.createdAt, i.respondBy,
                secondsToRespond(i, now));
    }

    /** The representation's version: changes whenever the incident does. */
    static String etag(Incident i) {
        return "\"" + i.id + "-" + i.version + "\"";
    }

    private static Long secondsToRespond(Incident i, Instant now) {
        return i.status == Incident.Status.TRIGGERED ? Duration.between(now, i.respondBy).toSeconds() : null;
    }

    private static List<Link> links(Incident i, ObjectMapper mapper) {
        try {
            return mapper.readValue(i.links, LINKS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
