package io.tocsin.incident.room.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.room.config.RoomConfig;
import io.tocsin.incident.room.service.TimelineFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.List;
import java.util.UUID;

/**
 * One incident's timeline as Server-Sent Events: {@code event: timeline}, {@code id:} the entry's sequence number,
 * {@code data:} the entry as JSON; a comment line every {@code tocsin.room.heartbeat} keeps proxies from closing an idle
 * stream. A client that reconnects sends Last-Event-ID (browsers do it themselves) and gets what it missed.
 */
@ApplicationScoped
public class StreamEvents {

    /** An entry on the wire (registered for native images: it is serialized inside an SSE event). */
    @RegisterForReflection
    public record EntryEvent(long seq, java.time.Instant at, String kind, String actor, String detail) {
    }

    private final TimelineFeed feed;
    private final RoomConfig config;

    public StreamEvents(TimelineFeed feed, RoomConfig config) {
        this.feed = feed;
        this.config = config;
    }

    /** Where to resume: Last-Event-ID wins over {@code ?after=} (the page's first connection); neither means 0. */
    public static long after(String lastEventId, String after) {
        String value = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(400, "Last-Event-ID (or after) must be the sequence number of a timeline entry",
                List.of());
    }

    public Multi<OutboundSseEvent> stream(UUID incidentId, long after, Sse sse) {
        Multi<OutboundSseEvent> entries = feed.follow(incidentId, after)
                .map(e -> sse.newEventBuilder().id(Long.toString(e.seq())).name("timeline")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(EntryEvent.class, new EntryEvent(e.seq(), e.at(), e.kind(), e.actor(), e.detail()))
                        .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(entries, heartbeats);
    }
}
