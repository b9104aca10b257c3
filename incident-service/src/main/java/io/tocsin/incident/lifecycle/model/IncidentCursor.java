package io.tocsin.incident.lifecycle.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Position after an incident in the (createdAt desc, id desc) order. */
public record IncidentCursor(Instant createdAt, UUID id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Fails with IllegalArgumentException on anything that is not a cursor this service made. */
    public static IncidentCursor decode(String value) {
        String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Not a cursor");
        }
        return new IncidentCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    }
}
