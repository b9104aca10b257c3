package io.tocsin.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds static fields that would carry run-time state into a native image. Quarkus initialises application classes
 * while the image is built, so a static SecureRandom would be seeded once at build time and its state shipped in
 * every binary (GraalVM refuses it), a static Clock or Thread would be frozen there, and a static key would be baked
 * into the binary. Each service's {@code NativeReadyTest} runs this over every io.tocsin class that goes into its
 * image: its own, commons' and the events module's. Test classes and this local-tooling module are not in an image
 * and are skipped.
 */
public final class BuildTimeInitCheck {

    /** What must not be held in a static field of an image class (subtypes included). */
    static final List<Class<?>> FORBIDDEN = List.of(
            java.util.Random.class,                     // SecureRandom, ThreadLocalRandom
            java.util.SplittableRandom.class,
            java.time.Clock.class,
            java.time.InstantSource.class,
            Thread.class,
            java.util.concurrent.Executor.class,        // ExecutorService, ScheduledExecutorService, ForkJoinPool
            java.util.Timer.class,
            java.net.Socket.class,
            java.net.ServerSocket.class,
            java.net.DatagramSocket.class,
            java.nio.channels.Channel.class,            // SocketChannel, FileChannel, selectors' channels
            java.nio.channels.Selector.class,
            java.security.Key.class,                    // SecretKey, SecretKeySpec, PrivateKey, PublicKey
            java.security.KeyPair.class,
            java.security.KeyStore.class,
            java.security.Signature.class,
            java.security.KeyPairGenerator.class,
            javax.crypto.KeyGenerator.class,
            javax.crypto.Mac.class,
            javax.crypto.Cipher.class);

    private BuildTimeInitCheck() {
    }

    /** "Class.field: Type" for every forbidden static field in the image classes visible to this class loader. */
    public static List<String> violations() {
        List<String> found = new ArrayList<>();
        for (String name : imageClasses()) {
            found.addAll(violationsIn(load(name)));
        }
        return found;
    }

    /** The io.tocsin classes this test class path would put into an image. */
    public static List<String> imageClasses() {
        TreeSet<String> names = new TreeSet<>();
        for (Path root : imageRoots()) {
            names.addAll(classesUnder(root));
        }
        return List.copyOf(names);
    }

    static List<String> violationsIn(Class<?> type) {
        List<String> found = new ArrayList<>();
        Field[] fields;
        try {
            fields = type.getDeclaredFields();
        } catch (LinkageError e) {
            throw new IllegalStateException("Cannot read the fields of " + type.getName() + ": " + e, e);
        }
        for (Field field : fields) {
            if (!Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            for (Class<?> forbidden : FORBIDDEN) {
                if (forbidden.isAssignableFrom(field.getType())) {
                    found.add(type.getName() + "." + field.getName() + ": " + field.getType().getName()
                            + " (a static " + forbidden.getSimpleName() + " is created while the native image is built;"
                            + " use an instance field of a bean, or create it when needed)");
                    break;
                }
            }
        }
        return found;
    }

    private static Class<?> load(String name) {
        try {
            // Not initialised: reading the fields must not run the static initialisers under test.
            return Class.forName(name, false, BuildTimeInitCheck.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load " + name + ": " + e, e);
        }
    }

    /** Class path roots holding io/tocsin, minus test classes, test jars and this module. */
    private static List<Path> imageRoots() {
        Path self = location(BuildTimeInitCheck.class);
        List<Path> roots = new ArrayList<>();
        try {
            for (URL url : Collections.list(BuildTimeInitCheck.class.getClassLoader().getResources("io/tocsin"))) {
                Path root = root(url);
                String name = root.getFileName().toString();
                if (root.equals(self) || name.equals("test-classes") || name.endsWith("-tests.jar")) {
                    continue;
                }
                roots.add(root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roots;
    }

    private static Path root(URL url) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring(4, text.indexOf("!/"))).toURI());
            }
            Path packageDir = Path.of(url.toURI());
            return packageDir.getParent().getParent();    // …/classes/io/tocsin → …/classes
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Unexpected class path entry " + text, e);
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> classesUnder(Path root) {
        try {
            if (Files.isDirectory(root)) {
                return classNames(root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root, Map.of())) {
                return classNames(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        Path base = root.resolve("io/tocsin");
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString())
                    .filter(f -> !f.endsWith("module-info.class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
    }
}
