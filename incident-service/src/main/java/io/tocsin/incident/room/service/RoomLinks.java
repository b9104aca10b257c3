package io.tocsin.incident.room.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.room.config.RoomConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Room links: made for the people given a role (they travel in the role event to their page) and checked here. Made at
 * start, so a production deployment without its key fails at once rather than at the first incident.
 */
@Startup
@ApplicationScoped
public class RoomLinks {

    static final int MIN_SECRET_LENGTH = 32;

    private final RoomTokens tokens;
    private final RoomConfig config;
    private final String base;

    @Inject
    public RoomLinks(RoomConfig config) {
        this(config, LaunchMode.current());
    }

    RoomLinks(RoomConfig config, LaunchMode mode) {
        this.config = config;
        String url = config.publicUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        byte[] key;
        if (config.linkSecret().isPresent()) {
            String secret = config.linkSecret().get();
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("tocsin.room.link-secret (TOCSIN_ROOM_LINK_SECRET) must be at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            key = secret.getBytes(StandardCharsets.UTF_8);
        } else if (mode == LaunchMode.NORMAL) {
            // A random key would make every link die with the process and differ between replicas: refuse to start.
            throw new IllegalStateException("TOCSIN_ROOM_LINK_SECRET (tocsin.room.link-secret) is required in "
                    + "production: the key that signs room links, at least " + MIN_SECRET_LENGTH + " characters");
        } else {
            Log.warn("No tocsin.room.link-secret (env TOCSIN_ROOM_LINK_SECRET): room links are signed with a random key "
                    + "of this process and stop working when it restarts or on another replica");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
        this.tokens = new RoomTokens(key);
    }

    /** A link to the room of {@code incidentId} for {@code subject}, valid for {@code tocsin.room.link-ttl}. */
    public String url(UUID incidentId, String subject, Instant now) {
        return base + "/room/" + token(incidentId, subject, now);
    }

    public String token(UUID incidentId, String subject, Instant now) {
        return tokens.sign(new RoomTokens.Grant(incidentId, subject, now.plus(config.linkTtl())));
    }

    /** What a link grants: 404 for anything not made here, 410 once it has expired. */
    public RoomTokens.Grant grant(String token, Instant now) {
        RoomTokens.Grant grant = tokens.read(token)
                .orElseThrow(() -> new ProblemException(404, "No such room link"));
        if (grant.expired(now)) {
            throw new ProblemException(410,
                    "This room link has expired; ask someone in the room for a new one, or sign in");
        }
        return grant;
    }
}
