package io.tocsin.escalation.schedule.model;

import io.tocsin.escalation.schedule.model.Layer;
import io.tocsin.escalation.schedule.model.Restriction;
import io.tocsin.escalation.schedule.model.Rotation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/** A schedule as the admin API takes and returns it (layers are stored as this JSON, in jsonb). */
public record ScheduleSpec(
        @NotBlank @Size(max = 200) String name,
        @NotBlank String timeZone,
        @NotEmpty @Size(max = 10) List<@NotNull @Valid LayerSpec> layers) {

    public record LayerSpec(@NotNull @Valid RotationSpec rotation,
                            @Size(max = 14) List<@NotNull @Valid RestrictionSpec> restrictions) {
        public Layer toModel() {
            return new Layer(rotation.toModel(), restrictions == null ? List.of()
                    : restrictions.stream().map(RestrictionSpec::toModel).toList());
        }
    }

    /** {@code length}: hours, days or weeks per shift; for CUSTOM, seconds (at least 60). */
    public record RotationSpec(@NotNull Rotation.Type type, @Positive @Max(31_536_000) int length,
                               @NotNull LocalDateTime start,
                               @NotEmpty @Size(max = 100) List<@NotBlank String> participants) {
        public Rotation toModel() {
            return new Rotation(type, length, start, participants);
        }
    }

    public record RestrictionSpec(@NotEmpty List<@NotNull DayOfWeek> days, @NotNull LocalTime from,
                                  @NotNull LocalTime to) {
        public Restriction toModel() {
            return new Restriction(EnumSet.copyOf(days), from, to);
        }
    }
}
