package io.tocsin.notification.clock.service;

import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.PersonRef;
import io.tocsin.events.StakeholderNoticeRequested;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailContent;
import io.tocsin.notification.shared.service.MailHeaders;

import java.time.Duration;
import java.time.Instant;

/** The words of clock mails, in English and German, as plain functions (ClockContentTest). */
public final class ClockContent {

    private ClockContent() {
    }

    /** "[P1] checkout-api: payments failing (Response target at risk)"; the subject passes MailHeaders later too. */
    public static String noticeSubject(StakeholderNoticeRequested n, Language language) {
        return MailContent.subject(n.priority(), n.service(), n.summary()) + " (" + noticeHeadline(n, language) + ")";
    }

    public static String noticeHeadline(StakeholderNoticeRequested n, Language language) {
        boolean atRisk = n.notice() == StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK;
        if (language == Language.DE) {
            return atRisk ? "Antwortziel gefährdet" : "Antwortziel verfehlt";
        }
        return atRisk ? "Response target at risk" : "Response target missed";
    }

    public static String noticeDetail(StakeholderNoticeRequested n, Language language) {
        boolean atRisk = n.notice() == StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK;
        if (language == Language.DE) {
            return atRisk ? (n.percent() == null ? "Ein großer Teil" : n.percent() + " %")
                    + " der Zeit bis zur Bestätigung ist verstrichen, und noch hat niemand den Vorfall übernommen."
                    : "Niemand hat den Vorfall innerhalb des Antwortziels übernommen. Die Eskalation läuft weiter.";
        }
        return atRisk ? (n.percent() == null ? "Most" : n.percent() + " %")
                + " of the time to acknowledge has passed and nobody has taken the incident yet."
                : "Nobody acknowledged the incident within its response target. Escalation goes on.";
    }

    /** "[P1] crm: customer export … (GDPR: 24 h since awareness)" or "(GDPR: 72-hour deadline passed)". */
    public static String reminderSubject(BreachReminderRequested r, Language language) {
        return MailContent.subject(r.priority(), r.service(), r.summary()) + " (" + reminderHeadline(r, language) + ")";
    }

    public static String reminderHeadline(BreachReminderRequested r, Language language) {
        if (language == Language.DE) {
            return r.overdue() ? "DSGVO: 72-Stunden-Frist abgelaufen"
                    : "DSGVO: " + r.hoursSinceAwareness() + " h seit Kenntnis";
        }
        return r.overdue() ? "GDPR: 72-hour deadline passed" : "GDPR: " + r.hoursSinceAwareness() + " h since awareness";
    }

    public static String reminderDetail(BreachReminderRequested r, Instant now, Language language) {
        Duration left = Duration.between(now, r.deadline());
        String amount = left.isNegative() ? null : left.toHours() + " h " + left.toMinutesPart() + " min";
        if (language == Language.DE) {
            return r.overdue()
                    ? "Seit Kenntnis der Verletzung des Schutzes personenbezogener Daten sind 72 Stunden vergangen, und "
                    + "es ist keine Entscheidung erfasst (Art. 33 DSGVO). Meldung an die Aufsichtsbehörde mit Begründung "
                    + "der Verzögerung, oder dokumentieren, warum nicht gemeldet wird."
                    : "Keine Entscheidung erfasst: ob die Aufsichtsbehörde benachrichtigt wird (Art. 33 DSGVO) und ob "
                    + "die betroffenen Personen informiert werden (Art. 34)." + (amount == null ? ""
                    : " Noch " + amount + " bis zur Frist.");
        }
        return r.overdue()
                ? "72 hours have passed since the organisation became aware of this personal-data breach and no "
                + "decision is recorded (GDPR Art. 33). Notify the supervisory authority with the reasons for the "
                + "delay, or document why it is not notified."
                : "No decision is recorded yet: whether the supervisory authority is notified (GDPR Art. 33) and "
                + "whether the people concerned are told (Art. 34)." + (amount == null ? ""
                : " " + amount + " left until the deadline.");
    }

    /** The commander as the mail names them, or a plain statement that nobody leads. */
    public static String commander(PersonRef commander, Language language) {
        if (commander == null || commander.name() == null || commander.name().isBlank()) {
            return language == Language.DE ? "niemand benannt" : "nobody named";
        }
        return commander.name();
    }
}
