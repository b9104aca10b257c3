package io.tocsin.escalation.responder.model;

import io.tocsin.events.ContactMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A responder as the admin API takes and returns it. Without notification rules every contact method is used at
 * once; a rule names a contact method (0-based index) and a delay, and a delayed page is sent only while the
 * incident is still unacknowledged.
 */
public record ResponderSpec(
        @NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9._@:|-]+", message = "must be an OIDC subject") String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank String timeZone,
        @NotBlank @Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a locale like en or de-DE") String locale,
        @NotNull @Size(max = 10) List<@NotNull @Valid Contact> contactMethods,
        @Size(max = 20) List<@NotNull @Valid Rule> notificationRules) {

    public record Contact(@NotNull ContactMethod.Kind kind, @NotBlank @Size(max = 2000) String address,
                          ContactMethod.Format format) {
        public ContactMethod toEvent() {
            return new ContactMethod(kind, address, kind == ContactMethod.Kind.WEBHOOK
                    ? (format == null ? ContactMethod.Format.GENERIC : format) : null);
        }
    }

    public record Rule(@PositiveOrZero int contact, @PositiveOrZero @Max(86400) long delaySeconds) {
    }
}
