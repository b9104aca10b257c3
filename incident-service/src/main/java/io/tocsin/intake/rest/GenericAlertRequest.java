package io.tocsin.intake.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The generic JSON webhook body (docs/integrations.md). Only {@code summary} is required. */
public record GenericAlertRequest(
        @NotBlank @Size(max = 1024) String summary,
        @JsonProperty("dedup_key") @Size(min = 1, max = 255) String dedupKey,
        @Pattern(regexp = "critical|error|warning|info", message = "must be one of critical, error, warning, info")
        String severity,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
        String service,
        @Size(max = 255) String source,
        JsonNode details,
        @Size(max = 20) List<@Valid LinkRequest> links,
        @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status) {

    public record LinkRequest(@NotBlank @Size(max = 2048) String href, @Size(max = 255) String text) {
    }
}
