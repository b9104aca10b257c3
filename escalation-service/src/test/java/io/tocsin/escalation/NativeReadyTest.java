package io.tocsin.escalation;

import io.tocsin.local.testing.BuildTimeInitCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarkus initialises application classes while the native image is built: a static SecureRandom, clock, thread,
 * socket or key in any class of this service, commons or the events module would be frozen into the binary (GraalVM
 * refuses a seeded SecureRandom outright). This fails with the class and field when such a field comes back.
 */
class NativeReadyTest {

    @Test
    void noImageClassHoldsRandomClockThreadSocketOrKeyInAStaticField() {
        List<String> scanned = BuildTimeInitCheck.imageClasses();
        for (String module : List.of("io.tocsin.escalation.", "io.tocsin.commons.", "io.tocsin.events.")) {
            assertTrue(scanned.stream().anyMatch(c -> c.startsWith(module)), "the scan covers " + module);
        }

        assertEquals(List.of(), BuildTimeInitCheck.violations());
    }
}
