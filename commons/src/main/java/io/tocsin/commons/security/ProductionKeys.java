package io.tocsin.commons.security;

import io.quarkus.runtime.configuration.ConfigUtils;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In the prod profile a service refuses to start without a key every replica must share (a random key per process
 * would break signed intake and one-tap links on the other replica and after every restart), naming each missing
 * key. In dev and test a service may run without them and uses a key of its own, with a warning.
 */
public final class ProductionKeys {

    private ProductionKeys() {
    }

    /** Whether missing keys stop the service: the prod profile. */
    public static boolean required() {
        return ConfigUtils.isProfileActive("prod");
    }

    /**
     * Throws, in the prod profile, when any of {@code keys} (a description such as "TOCSIN_SECRET_KEY
     * (tocsin.integrations.secret-key)" → the value, empty when missing or unusable) is missing.
     */
    public static void require(String service, Map<String, Optional<String>> keys) {
        List<String> missing = keys.entrySet().stream().filter(key -> key.getValue().filter(v -> !v.isBlank()).isEmpty())
                .map(Map.Entry::getKey).sorted().toList();
        if (!missing.isEmpty() && required()) {
            throw new IllegalStateException(service + " cannot start without " + String.join(" and ", missing)
                    + ": every replica needs the same keys. Create the Secret tocsin-keys (docs/operations.md).");
        }
    }
}
