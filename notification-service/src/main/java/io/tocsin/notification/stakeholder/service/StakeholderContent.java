package io.tocsin.notification.stakeholder.service;

import io.tocsin.events.Priority;
import io.tocsin.notification.delivery.service.MailHeaders;
import io.tocsin.notification.page.service.PageContent.Language;
import io.tocsin.notification.stakeholder.PlanEntry.Event;

/** The wording of stakeholder updates per event and language, as plain functions. */
public final class StakeholderContent {

    private StakeholderContent() {
    }

    public static String headline(Event event, Language language) {
        boolean de = language == Language.DE;
        return switch (event) {
            case TRIGGERED -> de ? "Neuer Vorfall" : "New incident";
            case PRIORITY_CHANGED -> de ? "Priorität geändert" : "Priority changed";
            case PUBLIC_UPDATE -> de ? "Neuer Stand" : "Update";
            case RESOLVED -> de ? "Vorfall behoben" : "Incident resolved";
            case POSTMORTEM_PUBLISHED -> de ? "Nachbetrachtung veröffentlicht" : "Postmortem published";
        };
    }

    /** {@code [P1] checkout-api: error rate 45% (Incident resolved)}. */
    public static String subject(Event event, Priority priority, String service, String summary, Language language) {
        return MailHeaders.line("[" + priority + "] " + service + ": " + (summary == null ? "" : summary)
                + " (" + headline(event, language) + ")");
    }

    /** Template name recorded on the delivery (one per event, so one event never mails a person twice). */
    public static String template(Event event) {
        return "stakeholder-" + event.name().toLowerCase().replace('_', '-');
    }
}
