package io.tocsin.incident.intake.service.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The Prometheus Alertmanager webhook body (version "4"), which Grafana's alerting webhook extends
 * (title, message, state, and per-alert dashboard/panel/silence/image URLs). Unknown fields are ignored.
 */
@RegisterForReflection
public record AlertGroupPayload(String version, String groupKey, Integer truncatedAlerts, String status,
                                String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
                                Map<String, String> commonAnnotations, String externalURL, List<Alert> alerts,
                                String title, String message, String state) {

    @RegisterForReflection
    public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                        String endsAt, String generatorURL, String fingerprint, JsonNode values, String silenceURL,
                        String dashboardURL, String panelURL, String imageURL) {
    }
}
