package io.tocsin.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type Tocsin publishes, with its topic, current schema version and data record.
 * An explicit table rather than reflection over names keeps consumers native-image friendly.
 */
public enum EventType {
    // incident-service → tocsin.incident-events
    INCIDENT_TRIGGERED("IncidentTriggered", Topics.INCIDENT_EVENTS, IncidentTriggered.class),
    ALERT_APPENDED("AlertAppended", Topics.INCIDENT_EVENTS, AlertAppended.class),
    INCIDENT_ACKNOWLEDGED("IncidentAcknowledged", Topics.INCIDENT_EVENTS, IncidentAcknowledged.class),
    INCIDENT_RESOLVED("IncidentResolved", Topics.INCIDENT_EVENTS, IncidentResolved.class),
    INCIDENT_REOPENED("IncidentReopened", Topics.INCIDENT_EVENTS, IncidentReopened.class),
    INCIDENT_SNOOZED("IncidentSnoozed", Topics.INCIDENT_EVENTS, IncidentSnoozed.class),
    INCIDENT_PRIORITY_CHANGED("IncidentPriorityChanged", Topics.INCIDENT_EVENTS, IncidentPriorityChanged.class),
    INCIDENT_PHASE_CHANGED("IncidentPhaseChanged", Topics.INCIDENT_EVENTS, IncidentPhaseChanged.class),
    INCIDENT_ASSIGNED("IncidentAssigned", Topics.INCIDENT_EVENTS, IncidentAssigned.class),
    INCIDENT_NOTE_ADDED("IncidentNoteAdded", Topics.INCIDENT_EVENTS, IncidentNoteAdded.class),
    INCIDENT_ROLE_CHANGED("IncidentRoleChanged", Topics.INCIDENT_EVENTS, IncidentRoleChanged.class),
    INCIDENT_BRIDGE_CHANGED("IncidentBridgeChanged", Topics.INCIDENT_EVENTS, IncidentBridgeChanged.class),
    EVIDENCE_ADDED("EvidenceAdded", Topics.INCIDENT_EVENTS, EvidenceAdded.class),
    PERSONAL_DATA_BREACH_MARKED("PersonalDataBreachMarked", Topics.INCIDENT_EVENTS, PersonalDataBreachMarked.class),
    PERSONAL_DATA_BREACH_UNMARKED("PersonalDataBreachUnmarked", Topics.INCIDENT_EVENTS,
            PersonalDataBreachUnmarked.class),
    PERSONAL_DATA_BREACH_DECIDED("PersonalDataBreachDecided", Topics.INCIDENT_EVENTS, PersonalDataBreachDecided.class),
    // escalation-service → tocsin.escalation-events and tocsin.notification-requests
    ESCALATION_STEP_REACHED("EscalationStepReached", Topics.ESCALATION_EVENTS, EscalationStepReached.class, 2),
    ESCALATION_LEVEL_SKIPPED("EscalationLevelSkipped", Topics.ESCALATION_EVENTS, EscalationLevelSkipped.class),
    ESCALATION_MUTED("EscalationMuted", Topics.ESCALATION_EVENTS, EscalationMuted.class),
    RESPONSE_TARGET_AT_RISK("ResponseTargetAtRisk", Topics.ESCALATION_EVENTS, ResponseTargetAtRisk.class),
    RESPONSE_TARGET_BREACHED("ResponseTargetBreached", Topics.ESCALATION_EVENTS, ResponseTargetBreached.class),
    NOTIFICATION_REQUESTED("NotificationRequested", Topics.NOTIFICATION_REQUESTS, NotificationRequested.class),
    STAKEHOLDER_NOTICE_REQUESTED("StakeholderNoticeRequested", Topics.NOTIFICATION_REQUESTS,
            StakeholderNoticeRequested.class),
    BREACH_REMINDER_REQUESTED("BreachReminderRequested", Topics.NOTIFICATION_REQUESTS, BreachReminderRequested.class),
    // notification-service → tocsin.notification-events
    NOTIFICATION_DELIVERED("NotificationDelivered", Topics.NOTIFICATION_EVENTS, NotificationDelivered.class, 2),
    NOTIFICATION_FAILED("NotificationFailed", Topics.NOTIFICATION_EVENTS, NotificationFailed.class, 2),
    // status-service → tocsin.status-events
    PUBLIC_UPDATE_POSTED("PublicUpdatePosted", Topics.STATUS_EVENTS, PublicUpdatePosted.class),
    MAINTENANCE_STARTED("MaintenanceStarted", Topics.STATUS_EVENTS, MaintenanceStarted.class),
    MAINTENANCE_ENDED("MaintenanceEnded", Topics.STATUS_EVENTS, MaintenanceEnded.class),
    POSTMORTEM_PUBLISHED("PostmortemPublished", Topics.STATUS_EVENTS, PostmortemPublished.class),
    ACTION_ITEM_OVERDUE("ActionItemOverdue", Topics.STATUS_EVENTS, ActionItemOverdue.class),
    COMPONENT_CHANGED("ComponentChanged", Topics.STATUS_EVENTS, ComponentChanged.class),
    // escalation-service (responders) and notification-service (stakeholders) → tocsin.person-events
    PERSON_ERASED("PersonErased", Topics.PERSON_EVENTS, PersonErased.class);

    private final String typeName;
    private final String topic;
    private final Class<? extends EventData> dataClass;
    private final int version;

    EventType(String typeName, String topic, Class<? extends EventData> dataClass) {
        this(typeName, topic, dataClass, 1);
    }

    /** A type whose shape changed incompatibly gets a new {@code version} (and schema); consumers read every version. */
    EventType(String typeName, String topic, Class<? extends EventData> dataClass, int version) {
        this.typeName = typeName;
        this.topic = topic;
        this.dataClass = dataClass;
        this.version = version;
    }

    public String typeName() {
        return typeName;
    }

    public int version() {
        return version;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Classpath location of this type's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + typeName + ".schema.json";
    }

    public static EventType of(EventData data) {
        return Arrays.stream(values())
                .filter(t -> t.dataClass == data.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No event type for " + data.getClass()));
    }

    /** Looks a type up by its wire name; unknown names are empty so consumers can skip newer events. */
    public static Optional<EventType> byName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
