package io.tocsin.incident.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The master keys for integration secrets, made up for this test JVM (nothing committed): a current key and a
 * previous one, as after a rotation. Held in system properties so tests in any class loader read the same keys.
 */
public class KeysTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "tocsin.test.incident.";

    @Override
    public Map<String, String> start() {
        return Map.of("tocsin.integrations.secret-key", base64(currentKey()),
                "tocsin.integrations.previous-secret-keys", base64(previousKey()));
    }

    @Override
    public void stop() {
        // Keys live as long as the JVM.
    }

    public static byte[] currentKey() {
        return key("current-key");
    }

    public static byte[] previousKey() {
        return key("previous-key");
    }

    private static synchronized byte[] key(String name) {
        String property = PREFIX + name;
        if (System.getProperty(property) == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            System.setProperty(property, base64(key));
        }
        return Base64.getDecoder().decode(System.getProperty(property));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
