package io.tocsin.notification.clock;

import io.tocsin.events.BreachReminderRequested;
import io.tocsin.events.PersonRef;
import io.tocsin.events.Priority;
import io.tocsin.events.StakeholderNoticeRequested;
import io.tocsin.notification.clock.service.ClockContent;
import io.tocsin.notification.shared.service.MailContent.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words of clock mails in both languages. */
class ClockContentTest {

    private static final Instant AWARE = Instant.parse("2026-11-27T08:30:00Z");

    private static BreachReminderRequested reminder(int hours, boolean overdue) {
        return new BreachReminderRequested("crm", Priority.P1, "leak", AWARE, AWARE.plus(Duration.ofHours(72)), hours,
                overdue, null);
    }

    @Test
    void remindersSayHowLongSinceAwarenessAndHowMuchIsLeft() {
        assertEquals("[P1] crm: leak (GDPR: 48 h since awareness)", ClockContent.reminderSubject(reminder(48, false),
                Language.EN));
        assertEquals("[P1] crm: leak (DSGVO: 72-Stunden-Frist abgelaufen)",
                ClockContent.reminderSubject(reminder(72, true), Language.DE));
        String detail = ClockContent.reminderDetail(reminder(66, false), AWARE.plus(Duration.ofHours(66)), Language.EN);
        assertTrue(detail.endsWith("6 h 0 min left until the deadline."), detail);
        String late = ClockContent.reminderDetail(reminder(66, false), AWARE.plus(Duration.ofHours(73)), Language.EN);
        assertTrue(!late.contains("left until"), "no negative time left: " + late);
    }

    @Test
    void noticesNameTheTargetAndWhoLeads() {
        StakeholderNoticeRequested atRisk = new StakeholderNoticeRequested(
                StakeholderNoticeRequested.Notice.RESPONSE_TARGET_AT_RISK, "pay", Priority.P2, "slow", AWARE, 80,
                new PersonRef("c", "Cora"));
        assertEquals("[P2] pay: slow (Antwortziel gefährdet)", ClockContent.noticeSubject(atRisk, Language.DE));
        assertTrue(ClockContent.noticeDetail(atRisk, Language.EN).startsWith("80 % of the time"));
        assertEquals("Cora", ClockContent.commander(atRisk.commander(), Language.EN));
        assertEquals("niemand benannt", ClockContent.commander(null, Language.DE));
    }
}
