package io.tocsin.incident.intake.model;

import io.tocsin.events.Link;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert in Tocsin's own terms, whatever format it arrived in: every intake format maps to this before
 * deduplication and classification see it.
 *
 * @param service  the service slug the alert names, or null to use the integration's
 * @param labels   what classification rules may match on (labels, component/group/class, ...)
 * @param members  for {@link Action#GROUP}: the individual alerts of an Alertmanager or Grafana group
 * @param truncated how many alerts the sender left out of this payload (Alertmanager's truncatedAlerts)
 */
public record NormalizedAlert(Action action, String dedupKey, String summary, String severity, String service,
                              String source, List<Link> links, Map<String, String> labels, List<Member> members,
                              int truncated) {

    /** What the monitoring system asks for. */
    public enum Action {
        TRIGGER, ACKNOWLEDGE, RESOLVE,
        /** A group of alerts, each firing or resolved: open while any fires, resolve when the last one resolves. */
        GROUP
    }

    /** One alert of a group, identified by its fingerprint; firing or resolved by its own status. */
    public record Member(String fingerprint, boolean firing, String summary, Map<String, String> labels,
                         Instant startsAt) {
    }

    public boolean anyFiring() {
        return members.stream().anyMatch(Member::firing);
    }
}
