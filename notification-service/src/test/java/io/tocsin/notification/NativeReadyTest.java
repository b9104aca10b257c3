package io.tocsin.notification;

import io.tocsin.local.testing.BuildTimeInitCheck;
import io.tocsin.local.testing.JsonReflectionCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What would break the native executable but not the JVM, found in the bytecode of this service, commons and the
 * events module: state frozen at image build time, and types Jackson reads reflectively that nothing registers.
 */
class NativeReadyTest {

    /**
     * Quarkus initialises application classes while the image is built: a static SecureRandom, clock, thread, socket
     * or key would be frozen into the binary (GraalVM refuses a seeded SecureRandom outright).
     */
    @Test
    void noImageClassHoldsRandomClockThreadSocketOrKeyInAStaticField() {
        List<String> scanned = BuildTimeInitCheck.imageClasses();
        for (String module : List.of("io.tocsin.notification.", "io.tocsin.commons.", "io.tocsin.events.")) {
            assertTrue(scanned.stream().anyMatch(c -> c.startsWith(module)), "the scan covers " + module);
        }

        assertEquals(List.of(), BuildTimeInitCheck.violations());
    }

    /** A type handed to Jackson behind a Response or a String serializes as a 500 in the native image unless registered. */
    @Test
    void everyTypeHandedToJacksonIsRegisteredForReflection() {
        assertEquals(List.of(), JsonReflectionCheck.violations());
    }
}
