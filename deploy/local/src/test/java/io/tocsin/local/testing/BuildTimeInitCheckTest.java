package io.tocsin.local.testing;

import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check each service runs over its image classes: it names the class and field of every forbidden static. */
class BuildTimeInitCheckTest {

    static class Offender {
        static final SecureRandom RANDOM = new SecureRandom();
        static Clock clock = Clock.systemUTC();
        private static final ExecutorService WORKERS = Executors.newSingleThreadExecutor();
        static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    }

    static class Fine {
        static final String NAME = "fine";
        static final List<String> NAMES = List.of();
        private final SecureRandom random = new SecureRandom();
    }

    @Test
    void namesTheClassFieldAndTypeOfEveryForbiddenStatic() {
        List<String> found = BuildTimeInitCheck.violationsIn(Offender.class);

        assertEquals(4, found.size(), found.toString());
        String prefix = Offender.class.getName() + ".";
        assertTrue(found.stream().anyMatch(f -> f.startsWith(prefix + "RANDOM: java.security.SecureRandom")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith(prefix + "clock: java.time.Clock")), found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith(prefix + "WORKERS: java.util.concurrent.ExecutorService")),
                found.toString());
        assertTrue(found.stream().anyMatch(f -> f.startsWith(prefix + "KEY: javax.crypto.spec.SecretKeySpec")),
                found.toString());
    }

    @Test
    void instanceFieldsAndHarmlessStaticsPass() {
        assertEquals(List.of(), BuildTimeInitCheck.violationsIn(Fine.class));
    }
}
