package io.tocsin.events;

import java.util.List;

/**
 * A public status update for an incident (investigating, identified, monitoring, resolved).
 */
public record PublicUpdatePosted(
        String updateId, List<String> services, String status, String message, Actor actor) implements EventData {
}
