package io.tocsin.notification.shared;

import io.tocsin.events.Priority;
import io.tocsin.notification.shared.service.MailContent.Language;
import io.tocsin.notification.shared.service.MailContent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rendering choices of a page, without Quarkus. */
class MailContentTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void subjectStartsWithThePriority() {
        assertEquals("[P1] checkout-api: error rate 45%", MailContent.subject(Priority.P1, "checkout-api", "error rate 45%"));
        assertEquals("[P4] docs: line one line two", MailContent.subject(Priority.P4, "docs", "line one\r\nline two"));
        assertEquals(201, MailContent.subject(Priority.P2, "s", "x".repeat(500)).length() - "[P2] s: ".length() + 1);
    }

    @Test
    void germanForGermanLocalesEnglishOtherwise() {
        assertEquals(Language.DE, MailContent.language("de"));
        assertEquals(Language.DE, MailContent.language("de-CH"));
        assertEquals(Language.DE, MailContent.language("de_AT"));
        assertEquals(Language.EN, MailContent.language("en"));
        assertEquals(Language.EN, MailContent.language("fr"));
        assertEquals(Language.EN, MailContent.language("dek"));
        assertEquals(Language.EN, MailContent.language(null));
    }

    @Test
    void timeLeftRoundsUpWhileThereIsTimeAndSaysOverdueAfter() {
        assertEquals("15 min left", MailContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(15)), Language.EN));
        assertEquals("1 min left", MailContent.timeLeft(NOW, NOW.plusSeconds(1), Language.EN));
        assertEquals("1 h 5 min left", MailContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(65)), Language.EN));
        assertEquals("overdue by 3 min", MailContent.timeLeft(NOW, NOW.minus(Duration.ofMinutes(3)), Language.EN));
        assertEquals("noch 15 min", MailContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(15)), Language.DE));
        assertEquals("seit 2 h 0 min überfällig", MailContent.timeLeft(NOW, NOW.minus(Duration.ofHours(2)), Language.DE));
        assertEquals("no response target", MailContent.timeLeft(NOW, null, Language.EN));
    }

    @Test
    void deadlineInTheRecipientsZoneOrUtc() {
        assertEquals("2026-11-27 11:15 (Europe/Berlin)", MailContent.localTime(NOW.plus(Duration.ofMinutes(15)), "Europe/Berlin"));
        assertEquals("2026-11-27 10:00 (UTC)", MailContent.localTime(NOW, "Mars/Olympus"));
        assertEquals("2026-11-27 10:00 (UTC)", MailContent.localTime(NOW, null));
    }
}
