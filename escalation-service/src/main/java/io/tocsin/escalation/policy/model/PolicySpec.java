package io.tocsin.escalation.policy.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * An escalation policy as the admin API takes and returns it. Each level pages its targets, then waits
 * {@code delaySeconds} before the next level; after the last level the policy repeats {@code repeat} more times,
 * then hands over to {@code thenPolicyId} if set.
 */
public record PolicySpec(
        @NotBlank @Size(max = 200) String name,
        @PositiveOrZero @Max(20) int repeat,
        @NotEmpty(message = "a policy needs at least one level") @Size(max = 20) List<@NotNull @Valid Level> levels,
        UUID thenPolicyId) {

    public record Level(@NotEmpty(message = "a level needs at least one target") @Size(max = 20)
                        List<@NotNull @Valid Target> targets,
                        @PositiveOrZero @Max(604_800) long delaySeconds,
                        boolean roundRobin) {
    }

    public record Target(@NotNull Type type, @NotBlank String id) {
        public enum Type { RESPONDER, SCHEDULE }
    }
}
