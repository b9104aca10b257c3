package io.tocsin.incident.intake.service.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A PagerDuty Events API v2 event, exactly as PagerDuty clients and Alertmanager's pagerduty_configs send it. */
@RegisterForReflection
public record PagerDutyEvent(
        @JsonProperty("routing_key") String routingKey,
        @JsonProperty("event_action") String eventAction,
        @JsonProperty("dedup_key") String dedupKey,
        Payload payload,
        List<Image> images,
        List<LinkItem> links,
        String client,
        @JsonProperty("client_url") String clientUrl) {

    @RegisterForReflection
    public record Payload(String summary, String source, String severity, String timestamp, String component,
                          String group, @JsonProperty("class") String eventClass,
                          @JsonProperty("custom_details") JsonNode customDetails) {
    }

    @RegisterForReflection
    public record Image(String src, String href, String alt) {
    }

    @RegisterForReflection
    public record LinkItem(String href, String text) {
    }
}
