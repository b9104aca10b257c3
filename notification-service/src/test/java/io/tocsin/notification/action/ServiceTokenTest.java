package io.tocsin.notification.action;

import io.tocsin.notification.action.rest.ServiceToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The identity towards incident-service outlives any one token: a rewritten token file is picked up. */
class ServiceTokenTest {

    @Test
    void aRewrittenFileIsReadAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("service-token");
        Files.writeString(file, "first-token\n");
        ServiceToken token = new ServiceToken(Optional.of("fixed-token"), Optional.of(file.toString()));
        assertEquals("first-token", token.current());

        Files.writeString(file, "second-token\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals("second-token", token.current());
    }

    @Test
    void aFileThatVanishesKeepsTheLastTokenRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("service-token");
        Files.writeString(file, "last-good");
        ServiceToken token = new ServiceToken(Optional.empty(), Optional.of(file.toString()));
        assertEquals("last-good", token.current());
        Files.delete(file);
        assertEquals("last-good", token.current());
    }

    @Test
    void withoutAFileTheFixedTokenIsUsed() {
        assertEquals("fixed-token", new ServiceToken(Optional.of("fixed-token"), Optional.empty()).current());
        assertEquals("", new ServiceToken(Optional.empty(), Optional.empty()).current());
    }
}
