package io.tocsin.events;

/**
 * How one notification reaches its recipient: an email address, or a webhook URL with its payload format.
 */
public record ContactMethod(Kind kind, String address, Format format) {

    public enum Kind { EMAIL, WEBHOOK }

    /** Webhook payload format; EMAIL uses none. */
    public enum Format { GENERIC, SLACK, TEAMS }

    public static ContactMethod email(String address) {
        return new ContactMethod(Kind.EMAIL, address, null);
    }
}
