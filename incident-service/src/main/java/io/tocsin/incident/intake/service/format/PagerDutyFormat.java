package io.tocsin.incident.intake.service.format;

import io.tocsin.events.Link;
import io.tocsin.incident.intake.model.NormalizedAlert;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * PagerDuty Events API v2 rules: trigger needs payload.summary (≤ 1024), source and severity
 * (critical|error|warning|info); acknowledge and resolve need a dedup_key; a trigger without one gets a new key,
 * returned in the answer. Errors are listed the way PagerDuty lists them.
 */
public final class PagerDutyFormat {

    private PagerDutyFormat() {
    }

    public static NormalizedAlert map(PagerDutyEvent event) {
        List<String> errors = new ArrayList<>();
        if (event.routingKey() == null || event.routingKey().isBlank()) {
            errors.add("'routing_key' is missing or blank");
        }
        String action = event.eventAction();
        if (!"trigger".equals(action) && !"acknowledge".equals(action) && !"resolve".equals(action)) {
            errors.add("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)");
        }
        if (event.dedupKey() != null && event.dedupKey().length() > 255) {
            errors.add("'dedup_key' must be at most 255 characters");
        }
        if (("acknowledge".equals(action) || "resolve".equals(action))
                && (event.dedupKey() == null || event.dedupKey().isBlank())) {
            errors.add("'dedup_key' is required for " + action + " events");
        }
        PagerDutyEvent.Payload payload = event.payload();
        if ("trigger".equals(action)) {
            if (payload == null) {
                errors.add("'payload' is missing");
            } else {
                if (payload.summary() == null || payload.summary().isBlank()) {
                    errors.add("'payload.summary' is missing or blank");
                } else if (payload.summary().length() > 1024) {
                    errors.add("'payload.summary' must be at most 1024 characters");
                }
                if (payload.source() == null || payload.source().isBlank()) {
                    errors.add("'payload.source' is missing or blank");
                } else if (payload.source().length() > 255) {
                    errors.add("'payload.source' must be at most 255 characters");
                }
                if (!List.of("critical", "error", "warning", "info").contains(String.valueOf(payload.severity()))) {
                    errors.add("'payload.severity' is invalid (must be one of: critical, error, warning, info)");
                }
                if (payload.timestamp() != null && !isTimestamp(payload.timestamp())) {
                    errors.add("'payload.timestamp' is not a valid ISO 8601 timestamp");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidAlertException(errors);
        }
        if (!"trigger".equals(action)) {
            NormalizedAlert.Action kind = "acknowledge".equals(action) ? NormalizedAlert.Action.ACKNOWLEDGE
                    : NormalizedAlert.Action.RESOLVE;
            return new NormalizedAlert(kind, event.dedupKey(), null, null, null, null, List.of(), Map.of(), List.of(), 0);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "component", payload.component());
        put(labels, "group", payload.group());
        put(labels, "class", payload.eventClass());
        put(labels, "client", event.client());
        String dedupKey = event.dedupKey() != null && !event.dedupKey().isBlank() ? event.dedupKey()
                : UUID.randomUUID().toString().replace("-", "");
        return new NormalizedAlert(NormalizedAlert.Action.TRIGGER, dedupKey, payload.summary(), payload.severity(),
                null, payload.source(), links(event), labels, List.of(), 0);
    }

    private static List<Link> links(PagerDutyEvent event) {
        List<Link> links = new ArrayList<>();
        if (event.links() != null) {
            event.links().stream().filter(l -> l != null && l.href() != null && !l.href().isBlank())
                    .limit(10).forEach(l -> links.add(new Link(l.href(), l.text())));
        }
        if (event.images() != null) {
            event.images().stream().filter(i -> i != null && i.src() != null && !i.src().isBlank())
                    .limit(5).forEach(i -> links.add(new Link(i.href() != null ? i.href() : i.src(),
                            i.alt() != null ? i.alt() : "Image")));
        }
        if (event.clientUrl() != null && !event.clientUrl().isBlank()) {
            links.add(new Link(event.clientUrl(), event.client() != null ? event.client() : "Source"));
        }
        return links;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (value != null && !value.isBlank()) {
            labels.put(key, value);
        }
    }

    /** ISO 8601 with an offset; PagerDuty's own examples write it without a colon ("+0000"). */
    private static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value.replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2"));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
