package io.tocsin.incident.intake.service.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** The generic JSON webhook body (docs/integrations.md). Only {@code summary} is required. */
public record GenericAlert(
        @NotBlank @Size(max = 1024) String summary,
        @JsonProperty("dedup_key") @Size(min = 1, max = 255) String dedupKey,
        @Pattern(regexp = "critical|error|warning|info", message = "must be one of critical, error, warning, info")
        String severity,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a service slug like checkout-api")
        String service,
        @Size(max = 255) String source,
        JsonNode details,
        @Size(max = 50) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 500) String> labels,
        @Size(max = 20) List<@Valid @NotNull LinkItem> links,
        @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status) {

    public record LinkItem(@NotBlank @Size(max = 2048) String href, @Size(max = 255) String text) {
    }
}
