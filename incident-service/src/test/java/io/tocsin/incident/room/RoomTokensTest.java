package io.tocsin.incident.room;

import io.tocsin.incident.room.service.RoomTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A room link opens one room for one person until it expires, and cannot be altered or forged. */
class RoomTokensTest {

    private final RoomTokens tokens = new RoomTokens("a key of at least thirty-two characters".getBytes(StandardCharsets.UTF_8));
    private final UUID incident = UUID.randomUUID();
    private final Instant expires = Instant.parse("2026-11-27T22:00:00Z");

    @Test
    void aLinkReadsBackAsItsGrantAndExpires() {
        String token = tokens.sign(new RoomTokens.Grant(incident, "alice|ops", expires));
        RoomTokens.Grant grant = tokens.read(token).orElseThrow();
        assertEquals(incident, grant.incidentId());
        assertEquals("alice|ops", grant.subject(), "a subject may contain the separator");
        assertFalse(grant.expired(expires.minusSeconds(1)));
        assertTrue(grant.expired(expires));
    }

    @Test
    void anAlteredForgedOrMalformedLinkIsNothing() {
        String token = tokens.sign(new RoomTokens.Grant(incident, "alice", expires));
        String payload = token.substring(0, token.indexOf('.'));
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString(("r1|" + UUID.randomUUID() + "|"
                + expires.getEpochSecond() + "|alice").getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.read(other + token.substring(token.indexOf('.'))).isEmpty(), "another incident");
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(("r1|" + incident + "|"
                + expires.plusSeconds(86_400).getEpochSecond() + "|alice").getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.read(later + token.substring(token.indexOf('.'))).isEmpty(), "a longer life");
        RoomTokens otherKey = new RoomTokens("another key of at least thirty-two chars".getBytes(StandardCharsets.UTF_8));
        assertTrue(otherKey.read(token).isEmpty(), "signed with another key");
        for (String junk : new String[]{null, "", ".", payload, payload + ".", "a.b.c", "%%%.%%%", "x".repeat(700)}) {
            assertTrue(tokens.read(junk).isEmpty(), String.valueOf(junk));
        }
    }
}
