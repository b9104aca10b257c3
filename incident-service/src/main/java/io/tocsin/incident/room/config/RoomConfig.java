package io.tocsin.incident.room.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The war room: its public address, its links, and its live stream (docs/war-room.md). */
@ConfigMapping(prefix = "tocsin.room")
public interface RoomConfig {

    /** Where people's browsers reach this service (env TOCSIN_PUBLIC_URL): the base of room links. */
    @WithDefault("http://127.0.0.1:8081")
    String publicUrl();

    /**
     * HMAC key of room links (env TOCSIN_ROOM_LINK_SECRET, at least 32 characters, the same on every replica).
     * Required in the prod profile; elsewhere a random key per process is used, with a warning.
     */
    Optional<String> linkSecret();

    /** How long a room link works. As long as a token may live: a link is no stronger than a sign-in. */
    @WithDefault("12h")
    Duration linkTtl();

    /**
     * How often each replica asks the database whether incidents with an open stream have new timeline entries (one
     * query for all of them; none while no stream is open). Entries written by any replica arrive within this.
     */
    @WithDefault("500ms")
    Duration pollInterval();

    /** A comment line on every open stream this often, so proxies do not close an idle one. */
    @WithDefault("15s")
    Duration heartbeat();

    /** The newest timeline entries the room page renders; older ones are on the timeline API. */
    @WithDefault("200")
    int pageEntries();
}
