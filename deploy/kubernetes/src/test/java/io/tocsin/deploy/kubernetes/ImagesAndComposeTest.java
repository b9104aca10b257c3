package io.tocsin.deploy.kubernetes;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tocsin.deploy.kubernetes.ManifestsTest.SECRET_NAME;
import static io.tocsin.deploy.kubernetes.ManifestsTest.SERVICES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container images and the Compose file stay in step with the services: ports, users, databases, secrets.
 * Needs neither kubectl nor a container engine.
 */
class ImagesAndComposeTest {

    private static final Path ROOT = Overlay.repoRoot();

    @Test
    void everyServiceHasAJvmAndANativeDockerfileExposingItsOwnPortAsNonRoot() throws IOException {
        for (String service : SERVICES) {
            String port = Overlay.applicationProperties(service).getProperty("quarkus.http.port");
            String management = Overlay.applicationProperties(service).getProperty("quarkus.management.port");
            for (String flavour : List.of("jvm", "native")) {
                Path file = ROOT.resolve(service).resolve("src/main/docker/Dockerfile." + flavour);
                assertTrue(Files.isRegularFile(file), file + " exists");
                String text = Files.readString(file);
                assertEquals(port + " " + management, single(text, "(?m)^EXPOSE\\s+(\\d+\\s+\\d+)\\s*$", file),
                        file + " EXPOSE (service and management port)");
                // The services bind 127.0.0.1 unless told otherwise; in a container they must face the pod network.
                assertTrue(text.contains("QUARKUS_HTTP_HOST=0.0.0.0") && text.contains("QUARKUS_MANAGEMENT_HOST=0.0.0.0"),
                        file + " listens on the container's network");
                String user = single(text, "(?m)^USER\\s+(\\S+)\\s*$", file);
                assertTrue(user.matches("\\d+") && !user.equals("0"),
                        file + ": USER must be a numeric non-root uid (runAsNonRoot checks it), not " + user);
                // The native runtime image must match the UBI 9 Mandrel builder's glibc.
                assertTrue(text.contains("FROM registry.access.redhat.com/ubi9/"), file + " is UBI 9 based");
            }
        }
    }

    @Test
    void composeRunsEveryServiceOnItsPortAgainstItsDatabaseWithoutCommittedSecrets() throws IOException {
        Path composeDir = ROOT.resolve("deploy/compose");
        JsonNode compose = new YAMLMapper().readTree(composeDir.resolve("compose.yaml").toFile());
        String initdb = Files.readString(composeDir.resolve("initdb/01-databases.sql"));
        for (String service : SERVICES) {
            var properties = Overlay.applicationProperties(service);
            JsonNode definition = compose.path("services").path(service);
            assertFalse(definition.isMissingNode(), "compose.yaml runs " + service);
            String port = properties.getProperty("quarkus.http.port");
            List<String> ports = new ArrayList<>();
            definition.path("ports").forEach(p -> ports.add(p.asString()));
            String management = properties.getProperty("quarkus.management.port");
            assertEquals(List.of("127.0.0.1:" + port + ":" + port, "127.0.0.1:" + management + ":" + management), ports,
                    service + " ports (local only; metrics on the management port)");
            assertEquals("src/main/docker/Dockerfile.jvm", definition.path("build").path("dockerfile").asString());
            assertTrue(initdb.contains("CREATE DATABASE " + properties.getProperty("tocsin.database") + ";"),
                    "initdb creates " + properties.getProperty("tocsin.database"));
        }
        // Every secret-looking setting anywhere (services, the shared x-service block, merge keys) is a ${...}
        // reference to the environment or .env, never a value.
        assertNoLiteralSecret(compose, "compose.yaml");
        // incident-service refuses to start without its room-link key: compose says so before it starts.
        assertTrue(compose.path("services").path("incident-service").path("environment")
                        .path("TOCSIN_ROOM_LINK_SECRET").asString().startsWith("${TOCSIN_ROOM_LINK_SECRET:?"),
                "compose requires TOCSIN_ROOM_LINK_SECRET for incident-service");
        assertTrue(Files.readString(composeDir.resolve(".gitignore")).lines().anyMatch(".env"::equals), ".env is ignored by git");
    }

    @Test
    void composeGivesEveryServiceItsKeysFromTheEnvFile() throws IOException {
        JsonNode compose = new YAMLMapper().readTree(ROOT.resolve("deploy/compose/compose.yaml").toFile());
        String example = Files.readString(ROOT.resolve("deploy/compose/.env.example"));
        for (String service : SERVICES) {
            // The service's own environment block (merged blocks are shared by every service; keys are not).
            JsonNode environment = compose.path("services").path(service).path("environment");
            for (var key : Overlay.keys(service).entrySet()) {
                String value = environment.path(key.getKey()).asString("");
                String required = "\\$\\{" + key.getKey() + ":\\?[^}]+}";
                String optional = "\\$\\{" + key.getKey() + ":-}";
                assertTrue(value.matches(key.getValue() ? required : optional), "compose.yaml: " + service + " "
                        + key.getKey() + " must be " + (key.getValue() ? "${" + key.getKey() + ":?…} (a missing key stops it)"
                        : "${" + key.getKey() + ":-}") + ", not '" + value + "'");
                assertTrue(example.lines().anyMatch(l -> l.startsWith(key.getKey() + "=")), ".env.example names " + key.getKey());
            }
        }
    }

    private static void assertNoLiteralSecret(JsonNode node, String where) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getValue().isValueNode() && SECRET_NAME.matcher(field.getKey()).matches()) {
                    assertTrue(field.getValue().asString().matches("\\$\\{[A-Z_]+(:?[-?][^}]*)?}"),
                            where + "." + field.getKey() + " must come from the environment (.env), not be written here");
                }
                assertNoLiteralSecret(field.getValue(), where + "." + field.getKey());
            });
        } else if (node.isArray()) {
            node.forEach(item -> assertNoLiteralSecret(item, where));
        }
    }

    private static String single(String text, String regex, Path file) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), file + " has " + regex);
        String value = matcher.group(1);
        assertFalse(matcher.find(), file + " has " + regex + " once");
        return value;
    }
}
