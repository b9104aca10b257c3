package io.tocsin.incident.classification.model;

import java.util.Map;
import java.util.UUID;

/**
 * What classification rules can look at in an alert, whatever its format.
 *
 * @param service the service the alert names, or null
 * @param labels  Alertmanager/Grafana labels, PagerDuty component/group/class, generic details; never null
 */
public record AlertFacts(UUID integrationId, String service, String severity, String source, String summary,
                         Map<String, String> labels) {
}
