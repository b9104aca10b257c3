package io.tocsin.status;

import io.tocsin.local.LocalKeys;
import io.tocsin.local.Tokens;
import io.tocsin.local.testing.TestInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens as real providers issue them: the subject an opaque id, the display name something else. */
public final class Callers {

    private Callers() {
    }

    /** "Bearer …" for {@code subject} whose {@code name} claim differs from it. */
    public static String named(String subject, String name, String... roles) {
        Instant now = Instant.now();
        return "Bearer " + Tokens.sign(LocalKeys.privateKey(TestInfrastructure.setting("oidc.private-key")),
                new Tokens.Claims(Tokens.LOCAL_ISSUER, Tokens.AUDIENCE, subject, name, subject + "@example.test",
                        List.of(roles), now, now.plus(Duration.ofHours(1))));
    }
}
