package io.tocsin.commons.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tocsin.events.ActionItemOverdue;
import io.tocsin.events.ComponentChanged;
import io.tocsin.events.Actor;
import io.tocsin.events.AlertAppended;
import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.ContactMethod;
import io.tocsin.events.Envelope;
import io.tocsin.events.EscalationLevelSkipped;
import io.tocsin.events.EscalationMuted;
import io.tocsin.events.EscalationStepReached;
import io.tocsin.events.EventType;
import io.tocsin.events.EvidenceAdded;
import io.tocsin.events.IncidentAcknowledged;
import io.tocsin.events.IncidentAssigned;
import io.tocsin.events.IncidentBridgeChanged;
import io.tocsin.events.IncidentNoteAdded;
import io.tocsin.events.IncidentPhaseChanged;
import io.tocsin.events.IncidentPriorityChanged;
import io.tocsin.events.IncidentReopened;
import io.tocsin.events.IncidentResolved;
import io.tocsin.events.IncidentRole;
import io.tocsin.events.IncidentRoleChanged;
import io.tocsin.events.IncidentSnoozed;
import io.tocsin.events.IncidentTriggered;
import io.tocsin.events.Link;
import io.tocsin.events.MaintenanceEnded;
import io.tocsin.events.MaintenanceStarted;
import io.tocsin.events.NotificationDelivered;
import io.tocsin.events.NotificationFailed;
import io.tocsin.events.NotificationRequested;
import io.tocsin.events.PersonErased;
import io.tocsin.events.PersonRef;
import io.tocsin.events.PersonalDataBreachDecided;
import io.tocsin.events.PersonalDataBreachMarked;
import io.tocsin.events.PersonalDataBreachUnmarked;
import io.tocsin.events.Phase;
import io.tocsin.events.PostmortemPublished;
import io.tocsin.events.Priority;
import io.tocsin.events.PublicUpdatePosted;
import io.tocsin.events.Recipient;
import io.tocsin.events.ResponseTargetAtRisk;
import io.tocsin.events.ResponseTargetBreached;
import io.tocsin.events.StakeholderNoticeRequested;

/**
 * Every service writes its events through the outbox and reads others' with Jackson, which reaches record
 * components and enum constants by reflection. A native image keeps only what is registered, so this is the one list
 * of the events module's types for all four services. EventReflectionTest fails when a type is missing here.
 */
@RegisterForReflection(targets = {
        Envelope.class, EventType.class, Priority.class, Phase.class,
        Actor.class, Actor.Kind.class, ContactMethod.class, ContactMethod.Kind.class, ContactMethod.Format.class,
        Link.class, Recipient.class, PersonRef.class, PersonErased.class, PersonErased.Kind.class,
        IncidentTriggered.class, AlertAppended.class, IncidentAcknowledged.class, IncidentResolved.class,
        IncidentReopened.class, IncidentSnoozed.class, IncidentNoteAdded.class, IncidentPriorityChanged.class,
        IncidentPhaseChanged.class, IncidentAssigned.class,
        IncidentRole.class, IncidentRoleChanged.class, IncidentRoleChanged.Change.class, IncidentBridgeChanged.class,
        EvidenceAdded.class, EvidenceAdded.Kind.class,
        PersonalDataBreachMarked.class, PersonalDataBreachMarked.Source.class, PersonalDataBreachUnmarked.class,
        PersonalDataBreachDecided.class,
        NotificationRequested.class, EscalationStepReached.class, EscalationLevelSkipped.class, EscalationMuted.class,
        ResponseTargetAtRisk.class, ResponseTargetBreached.class,
        StakeholderNoticeRequested.class, StakeholderNoticeRequested.Notice.class, BreachReminderRequested.class,
        NotificationDelivered.class, NotificationFailed.class,
        PublicUpdatePosted.class, MaintenanceStarted.class, MaintenanceEnded.class, PostmortemPublished.class,
        ActionItemOverdue.class, ComponentChanged.class})
public final class EventReflection {

    private EventReflection() {
    }
}
