package io.tocsin.notification.stakeholder.service;

import io.tocsin.events.Priority;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailHeaders;
import io.tocsin.notification.stakeholder.model.IncidentFacts;
import io.tocsin.notification.stakeholder.model.PlanEntry.Event;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The wording of stakeholder mails per event and language, as plain functions: what a reader is told about impact,
 * status, what is being done, who leads, when they hear next and how long it lasted. Templates only lay these out.
 */
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

    /** {@code [P1] Checkout: error rate 45% (Incident resolved)}; {@code affected} is what the status page calls it. */
    public static String subject(Event event, Priority priority, String affected, String summary, Language language) {
        return MailHeaders.line("[" + priority + "] " + affected + ": " + (summary == null ? "" : summary)
                + " (" + headline(event, language) + ")");
    }

    /** Template name recorded on the delivery (one per event, so one event never mails a person twice). */
    public static String template(Event event) {
        return "stakeholder-" + event.name().toLowerCase().replace('_', '-');
    }

    /** The components as the status page names them; the service slug when the page shows none for it. */
    public static String affected(List<String> componentNames, String service) {
        return componentNames == null || componentNames.isEmpty() ? service : String.join(", ", componentNames);
    }

    /** The impact in plain words, the status page's level for the priority first (P1 = major outage, …). */
    public static String impact(Priority priority, Language language) {
        boolean de = language == Language.DE;
        return switch (priority) {
            case P1 -> de ? "Schwerer Ausfall: der Dienst ist nicht verfügbar" : "Major outage: the service is unavailable";
            case P2 -> de ? "Teilausfall: Teile des Dienstes funktionieren nicht"
                    : "Partial outage: parts of the service do not work";
            case P3 -> de ? "Eingeschränkte Leistung: langsamer oder teilweise gestört"
                    : "Degraded performance: slower or partly impaired";
            case P4 -> de ? "Geringe Auswirkung: kaum spürbar" : "Minor impact: hardly noticeable";
        };
    }

    /** A colour per impact for the HTML banner (the status page's: red, orange, amber, grey; green once resolved). */
    public static String tone(Priority priority, boolean resolved) {
        if (resolved) {
            return "#067647";
        }
        return switch (priority) {
            case P1 -> "#b42318";
            case P2 -> "#c4320a";
            case P3 -> "#93370d";
            case P4 -> "#475467";
        };
    }

    /** The current status: the last public update's, else what the incident's own state says. */
    public static String status(IncidentFacts facts, boolean resolved, Language language) {
        boolean de = language == Language.DE;
        String status = resolved ? "resolved" : facts == null || facts.publicStatus() == null ? "investigating"
                : facts.publicStatus();
        return switch (status) {
            case "identified" -> de ? "Ursache gefunden" : "Cause identified";
            case "monitoring" -> de ? "Lösung wird beobachtet" : "Monitoring a fix";
            case "resolved" -> de ? "Behoben" : "Resolved";
            default -> de ? "Wird untersucht" : "Investigating";
        };
    }

    /** What is being done: the last public update's message, else what the response has done so far. */
    public static String doing(IncidentFacts facts, boolean resolved, Language language) {
        boolean de = language == Language.DE;
        if (facts != null && facts.publicMessage() != null && !facts.publicMessage().isBlank()) {
            return facts.publicMessage();
        }
        if (resolved) {
            return de ? "Der Vorfall ist behoben." : "The incident is resolved.";
        }
        if (facts != null && "ACKNOWLEDGED".equals(facts.status())) {
            return de ? "Ein Techniker hat übernommen und untersucht die Ursache."
                    : "An engineer has taken it on and is looking for the cause.";
        }
        return de ? "Die Rufbereitschaft ist alarmiert und sieht sich das an."
                : "The on-call engineer has been alerted and is looking into it.";
    }

    /** Who leads, by display name: the incident commander and the communications lead; else who is on call. */
    public static String lead(IncidentFacts facts, Language language) {
        boolean de = language == Language.DE;
        String commander = facts == null ? null : facts.commanderName();
        String comms = facts == null ? null : facts.commsLeadName();
        if (commander != null && comms != null && !commander.equals(comms)) {
            return commander + (de ? " (Incident Commander), " : " (incident commander), ")
                    + comms + (de ? " (Kommunikation)" : " (communications)");
        }
        if (commander != null) {
            return commander + (de ? " (Incident Commander)" : " (incident commander)");
        }
        if (comms != null) {
            return comms + (de ? " (Kommunikation)" : " (communications)");
        }
        if (facts != null && facts.assigneeName() != null) {
            return facts.assigneeName() + (de ? " (Rufbereitschaft)" : " (on call)");
        }
        return de ? "die Rufbereitschaft" : "the on-call engineer";
    }

    /**
     * When the reader hears next: the plan's cadence counted from the last update (as the reminders count it), in
     * their time zone; with no cadence, when it is resolved; nothing once resolved.
     */
    public static String nextUpdate(Integer cadenceMinutes, Instant lastUpdate, Instant now, String timeZone,
                                    Language language) {
        boolean de = language == Language.DE;
        if (cadenceMinutes == null || lastUpdate == null) {
            return de ? "sobald der Vorfall behoben ist" : "when the incident is resolved";
        }
        Instant due = lastUpdate.plus(Duration.ofMinutes(cadenceMinutes));
        if (!due.isAfter(now)) {
            return de ? "in Kürze" : "shortly";
        }
        String within = duration(Duration.between(now, due).plusSeconds(59), language);
        return (de ? "bis " : "by ") + time(due, timeZone) + (de ? " (in spätestens " : " (within ") + within + ")";
    }

    /** {@code 1 h 12 min}, {@code 3 min}, {@code 2 d 4 h} (the same in German). */
    public static String duration(Duration duration, Language language) {
        long minutes = Math.max(0, duration.toMinutes());
        if (minutes >= 48 * 60) {
            long days = minutes / (24 * 60);
            long hours = minutes % (24 * 60) / 60;
            return days + (language == Language.DE ? " T" : " d") + (hours == 0 ? "" : " " + hours + " h");
        }
        if (minutes >= 60) {
            return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return Math.max(1, minutes) + " min";
    }

    /** How long it lasted, and from when to when in the reader's time zone; null when the start is unknown. */
    public static String lasted(Instant from, Instant to, String timeZone, Language language) {
        if (from == null || to == null) {
            return null;
        }
        return duration(Duration.between(from, to), language) + " (" + time(from, timeZone) + " – "
                + time(to, timeZone) + ")";
    }

    /** {@code 2026-11-27 11:15 Europe/Berlin}; UTC for none or an unknown zone. */
    public static String time(Instant instant, String timeZone) {
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            zone = ZoneId.of("UTC");
        }
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(instant) + " " + zone.getId();
    }

    /**
     * The public page to follow: status-service's page for the incident once it has a public update (before that it
     * has none), else the status page itself.
     */
    public static String pageUrl(String statusPageUrl, String incidentId, boolean hasPublicUpdate) {
        String base = statusPageUrl.endsWith("/") ? statusPageUrl.substring(0, statusPageUrl.length() - 1) : statusPageUrl;
        return hasPublicUpdate && incidentId != null && !incidentId.isEmpty() ? base + "/incidents/" + incidentId : base + "/";
    }

    /** The digest's subject: {@code [Tocsin] 3 new incidents: Checkout, Search, Payments}. */
    public static String digestSubject(List<String> affected, Language language) {
        String names = String.join(", ", affected.stream().distinct().toList());
        String line = "[Tocsin] " + affected.size() + (language == Language.DE ? " neue Vorfälle: " : " new incidents: ")
                + names;
        line = MailHeaders.line(line);
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }
}
