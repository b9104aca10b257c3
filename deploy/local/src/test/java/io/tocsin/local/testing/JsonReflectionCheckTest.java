package io.tocsin.local.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check each service runs: a type handed to Jackson behind a String or Response must be registered. */
class JsonReflectionCheckTest {

    record Unregistered(String name) {
    }

    record Inner(String name) {
    }

    @RegisterForReflection
    record Registered(String name, List<Inner> inner) {
    }

    @RegisterForReflection
    record RegisteredLeaf(String name) {
    }

    @RegisterForReflection(targets = Unregistered.class)
    static final class Registrations {
    }

    static final class Writer {
        private final ObjectMapper mapper = new ObjectMapper();

        String unregistered() throws JsonProcessingException {
            return mapper.writeValueAsString(new Unregistered("x"));
        }

        String registeredButHoldsAnUnregisteredType() throws JsonProcessingException {
            return mapper.writeValueAsString(new Registered("x", List.of()));
        }

        String registered() throws JsonProcessingException {
            return mapper.writeValueAsString(new RegisteredLeaf("x"));
        }

        String untyped(Object value) throws JsonProcessingException {
            return mapper.writeValueAsString(value);
        }
    }

    @Test
    void namesTheMethodAndEveryUnregisteredTypeItHandsToJackson() {
        List<String> found = JsonReflectionCheck.violationsIn(List.of(Writer.class, Unregistered.class, Inner.class,
                Registered.class, RegisteredLeaf.class));

        String writer = Writer.class.getName();
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith(writer + ".registeredButHoldsAnUnregisteredType hands "
                + Inner.class.getName() + " to Jackson (writeValueAsString)"), found.get(0));
        assertTrue(found.get(1).startsWith(writer + ".unregistered hands " + Unregistered.class.getName()
                + " to Jackson (writeValueAsString)"), found.get(1));
    }

    @Test
    void aTargetsListRegistersToo() {
        List<String> found = JsonReflectionCheck.violationsIn(List.of(Writer.class, Unregistered.class, Inner.class,
                Registered.class, RegisteredLeaf.class, Registrations.class));

        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).contains(" hands " + Inner.class.getName() + " "), found.get(0));
    }
}
