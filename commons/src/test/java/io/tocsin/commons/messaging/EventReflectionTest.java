package io.tocsin.commons.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tocsin.events.Envelope;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A record or enum added to the events module without registering it would serialize as {} in a native image. */
class EventReflectionTest {

    @Test
    void everyRecordAndEnumOfTheEventsModuleIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Class<?> type : EventReflection.class.getAnnotation(RegisterForReflection.class).targets()) {
            registered.add(type.getName());
        }
        Set<String> needed = new TreeSet<>();
        for (String name : eventsModuleClasses()) {
            Class<?> type = Class.forName(name);
            if (type.isRecord() || type.isEnum()) {
                needed.add(name);
            }
        }
        assertTrue(needed.size() > 30, "the scan found the events module: " + needed);
        assertEquals(needed, registered);
    }

    /** Every class file in the events module's package, nested ones included. */
    private static List<String> eventsModuleClasses() throws IOException, URISyntaxException {
        Path location = Path.of(Envelope.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classesUnder(location);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
            return classesUnder(jar.getPath("/"));
        }
    }

    private static List<String> classesUnder(Path root) throws IOException {
        Path events = root.resolve("io/tocsin/events");
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.list(events)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".class"))
                    .forEach(f -> names.add("io.tocsin.events." + f.substring(0, f.length() - ".class".length())));
        }
        return names.stream().sorted().toList();
    }
}
