package io.tocsin.events;

/** Kafka topic names; channel names in every service are the same strings. */
public final class Topics {
    public static final String INCIDENT_EVENTS = "tocsin.incident-events";
    public static final String ESCALATION_EVENTS = "tocsin.escalation-events";
    public static final String NOTIFICATION_REQUESTS = "tocsin.notification-requests";
    public static final String NOTIFICATION_EVENTS = "tocsin.notification-events";
    public static final String STATUS_EVENTS = "tocsin.status-events";
    /** Erasure requests for people (PersonErased), read by every service that keeps personal data. */
    public static final String PERSON_EVENTS = "tocsin.person-events";

    private Topics() {
    }
}
