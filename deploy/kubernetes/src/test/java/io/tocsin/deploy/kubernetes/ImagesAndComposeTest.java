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
            for (String flavour : List.of("jvm", "native")) {
                Path file = ROOT.resolve(service).resolve("src/main/docker/Dockerfile." + flavour);
                assertTrue(Files.isRegularFile(file), file + " exists");
                String text = Files.readString(file);
                assertEquals(port, single(text, "(?m)^EXPOSE\\s+(\\d+)\\s*$", file), file + " EXPOSE");
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
            assertEquals(List.of("127.0.0.1:" + port + ":" + port), ports, service + " ports (local only)");
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
