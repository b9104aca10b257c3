package io.tocsin.incident.room.service;

import io.quarkus.runtime.LaunchMode;
import io.tocsin.commons.problem.ProblemException;
import io.tocsin.incident.room.config.RoomConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Production needs a real key for room links; links expire; their URLs use the public base. */
class RoomLinksTest {

    @Test
    void productionRefusesToStartWithoutAKeyOrWithAShortOne() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new RoomLinks(config(null), LaunchMode.NORMAL));
        assertTrue(missing.getMessage().contains("TOCSIN_ROOM_LINK_SECRET"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> new RoomLinks(config("too short"), LaunchMode.NORMAL));
        new RoomLinks(config("x".repeat(32)), LaunchMode.NORMAL);
        new RoomLinks(config(null), LaunchMode.DEVELOPMENT);
    }

    @Test
    void aLinkWorksUntilItExpiresAndOnlyOnReplicasWithTheSameKey() {
        RoomLinks links = new RoomLinks(config("k".repeat(40)), LaunchMode.NORMAL);
        UUID incident = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        String url = links.url(incident, "alice", now);
        assertTrue(url.startsWith("https://tocsin.example.test/room/"), url);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertEquals(incident, links.grant(token, now.plus(Duration.ofHours(11))).incidentId());
        assertEquals(410, assertThrows(ProblemException.class, () -> links.grant(token, now.plus(Duration.ofHours(12))))
                .status());
        RoomLinks other = new RoomLinks(config("o".repeat(40)), LaunchMode.NORMAL);
        assertEquals(404, assertThrows(ProblemException.class, () -> other.grant(token, now)).status());
    }

    private static RoomConfig config(String secret) {
        return new RoomConfig() {
            @Override
            public String publicUrl() {
                return "https://tocsin.example.test/";
            }

            @Override
            public Optional<String> linkSecret() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Duration linkTtl() {
                return Duration.ofHours(12);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(500);
            }

            @Override
            public Duration heartbeat() {
                return Duration.ofSeconds(15);
            }

            @Override
            public int pageEntries() {
                return 200;
            }
        };
    }
}
