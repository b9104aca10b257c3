package io.tocsin.notification.page;

import io.tocsin.events.Priority;
import io.tocsin.notification.page.service.PageContent;
import io.tocsin.notification.page.service.PageContent.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rendering choices of a page, without Quarkus. */
class PageContentTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void subjectStartsWithThePriority() {
        assertEquals("[P1] checkout-api: error rate 45%", PageContent.subject(Priority.P1, "checkout-api", "error rate 45%"));
        assertEquals("[P4] docs: line one line two", PageContent.subject(Priority.P4, "docs", "line one\r\nline two"));
        assertEquals(201, PageContent.subject(Priority.P2, "s", "x".repeat(500)).length() - "[P2] s: ".length() + 1);
    }

    @Test
    void germanForGermanLocalesEnglishOtherwise() {
        assertEquals(Language.DE, PageContent.language("de"));
        assertEquals(Language.DE, PageContent.language("de-CH"));
        assertEquals(Language.DE, PageContent.language("de_AT"));
        assertEquals(Language.EN, PageContent.language("en"));
        assertEquals(Language.EN, PageContent.language("fr"));
        assertEquals(Language.EN, PageContent.language("dek"));
        assertEquals(Language.EN, PageContent.language(null));
    }

    @Test
    void timeLeftRoundsUpWhileThereIsTimeAndSaysOverdueAfter() {
        assertEquals("15 min left", PageContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(15)), Language.EN));
        assertEquals("1 min left", PageContent.timeLeft(NOW, NOW.plusSeconds(1), Language.EN));
        assertEquals("1 h 5 min left", PageContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(65)), Language.EN));
        assertEquals("overdue by 3 min", PageContent.timeLeft(NOW, NOW.minus(Duration.ofMinutes(3)), Language.EN));
        assertEquals("noch 15 min", PageContent.timeLeft(NOW, NOW.plus(Duration.ofMinutes(15)), Language.DE));
        assertEquals("seit 2 h 0 min überfällig", PageContent.timeLeft(NOW, NOW.minus(Duration.ofHours(2)), Language.DE));
        assertEquals("no response target", PageContent.timeLeft(NOW, null, Language.EN));
    }

    @Test
    void deadlineInTheRecipientsZoneOrUtc() {
        assertEquals("2026-11-27 11:15 (Europe/Berlin)", PageContent.localTime(NOW.plus(Duration.ofMinutes(15)), "Europe/Berlin"));
        assertEquals("2026-11-27 10:00 (UTC)", PageContent.localTime(NOW, "Mars/Olympus"));
        assertEquals("2026-11-27 10:00 (UTC)", PageContent.localTime(NOW, null));
    }
}
