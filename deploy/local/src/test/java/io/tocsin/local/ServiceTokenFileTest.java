package io.tocsin.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file `tocsin up` hands notification-service as its identity: a signed service token, replaced whole. */
class ServiceTokenFileTest {

    @Test
    void aSignedServiceTokenForNotificationServiceRenewedInPlace(@TempDir Path dir) throws Exception {
        KeyPair keys = LocalKeys.generate();
        Path file = dir.resolve("service-token");
        LocalStack.writeServiceToken(keys, file);
        String first = Files.readString(file);
        String[] parts = first.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"sub\":\"notification-service\""), claims);
        assertTrue(claims.contains("\"groups\":[\"service\"]"), claims);
        long iat = Long.parseLong(claims.replaceAll(".*\"iat\":(\\d+).*", "$1"));
        long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
        assertEquals(12 * 3600, exp - iat, "12 hours, the most a service accepts");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));

        Thread.sleep(1100); // iat has one-second resolution
        LocalStack.writeServiceToken(keys, file);
        assertNotEquals(first, Files.readString(file), "renewed");
        assertFalse(Files.exists(dir.resolve("service-token.next")), "no half-written file left behind");
    }
}
